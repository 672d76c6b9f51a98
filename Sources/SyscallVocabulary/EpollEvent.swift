/// `struct epoll_event`: the events asked for (with the epoll flags) or reported, and the
/// caller's 64-bit `data`, which the kernel hands back untouched.
public struct EpollEvent: Sendable, Equatable, Codable {
  public var events: PollMask
  public var data: UInt64

  public init(events: PollMask, data: UInt64) {
    self.events = events
    self.data = data
  }

  /// epoll's names, as strace prints them (`EPOLLIN|EPOLLET`); `0` for none.
  public static func names(_ mask: PollMask) -> String { mask.names(prefix: "EPOLL") }
}

/// `epoll_ctl`'s `op`.
public enum EpollOp: Int32, Sendable, Codable, CustomStringConvertible {
  case EPOLL_CTL_ADD = 1
  case EPOLL_CTL_DEL = 2
  case EPOLL_CTL_MOD = 3

  public var description: String {
    switch self {
    case .EPOLL_CTL_ADD: "EPOLL_CTL_ADD"
    case .EPOLL_CTL_DEL: "EPOLL_CTL_DEL"
    case .EPOLL_CTL_MOD: "EPOLL_CTL_MOD"
    }
  }
}

/// `EP_MAX_EVENTS`: the most events one `epoll_wait` may ask for.
public let EP_MAX_EVENTS: Int32 = Int32.max / 12
