/// `AF_UNIX` (= `PF_UNIX`, `AF_LOCAL`).
public let AF_UNIX: Int32 = 1
/// `AF_UNSPEC`: a datagram `connect` to this family dissolves the association.
public let AF_UNSPEC: Int32 = 0

/// Socket types AF_UNIX knows (`SOCK_RAW` is turned into `SOCK_DGRAM` by `unix_create`).
public enum SocketType: Int32, Sendable, CustomStringConvertible {
  case stream = 1
  case dgram = 2
  case raw = 3
  case seqpacket = 5

  /// The C name, e.g. `SOCK_STREAM`.
  public var description: String {
    switch self {
    case .stream: "SOCK_STREAM"
    case .dgram: "SOCK_DGRAM"
    case .raw: "SOCK_RAW"
    case .seqpacket: "SOCK_SEQPACKET"
    }
  }
}

/// `sk->sk_state` values AF_UNIX uses (it borrows TCP's names).
public enum SockState: Sendable, CustomStringConvertible {
  case TCP_CLOSE
  case TCP_LISTEN
  case TCP_ESTABLISHED

  public var description: String {
    switch self {
    case .TCP_CLOSE: "TCP_CLOSE"
    case .TCP_LISTEN: "TCP_LISTEN"
    case .TCP_ESTABLISHED: "TCP_ESTABLISHED"
    }
  }
}

/// Bits of `sk->sk_shutdown`.
public struct ShutdownBits: OptionSet, Sendable {
  public let rawValue: UInt8
  public init(rawValue: UInt8) { self.rawValue = rawValue }
  /// `RCV_SHUTDOWN`.
  public static let RCV_SHUTDOWN = ShutdownBits(rawValue: 1)
  /// `SEND_SHUTDOWN`.
  public static let SEND_SHUTDOWN = ShutdownBits(rawValue: 2)
  /// `SHUTDOWN_MASK`.
  public static let SHUTDOWN_MASK: ShutdownBits = [.RCV_SHUTDOWN, .SEND_SHUTDOWN]
}

/// `shutdown(2)`'s `how`.
public let SHUT_RD: Int32 = 0
/// `shutdown(2)`'s `how`.
public let SHUT_WR: Int32 = 1
/// `shutdown(2)`'s `how`.
public let SHUT_RDWR: Int32 = 2

/// `O_NONBLOCK`, as `accept4` flags and file status flags spell it.
public let O_NONBLOCK: Int32 = 0o4000
/// `SOCK_CLOEXEC` (= `O_CLOEXEC`).
public let SOCK_CLOEXEC: Int32 = 0o2000000
/// `SOCK_NONBLOCK` (= `O_NONBLOCK`).
public let SOCK_NONBLOCK: Int32 = O_NONBLOCK

/// Poll bits used as wake-up keys (`EPOLLIN`, …).
public struct PollMask: OptionSet, Sendable {
  public let rawValue: UInt32
  public init(rawValue: UInt32) { self.rawValue = rawValue }
  public static let EPOLLIN = PollMask(rawValue: 0x001)
  public static let EPOLLPRI = PollMask(rawValue: 0x002)
  public static let EPOLLOUT = PollMask(rawValue: 0x004)
  public static let EPOLLERR = PollMask(rawValue: 0x008)
  public static let EPOLLHUP = PollMask(rawValue: 0x010)
  public static let EPOLLRDNORM = PollMask(rawValue: 0x040)
  public static let EPOLLRDBAND = PollMask(rawValue: 0x080)
  public static let EPOLLNVAL = PollMask(rawValue: 0x020)
  public static let EPOLLWRNORM = PollMask(rawValue: 0x100)
  public static let EPOLLWRBAND = PollMask(rawValue: 0x200)
  public static let EPOLLRDHUP = PollMask(rawValue: 0x2000)
}

/// `SOCK_MIN_SNDBUF`: `2 × TCP_SKB_MIN_TRUESIZE` (2048 + the aligned `struct sk_buff`).
public let SOCK_MIN_SNDBUF = 4608
/// `SOCK_MIN_RCVBUF`: `TCP_SKB_MIN_TRUESIZE`.
public let SOCK_MIN_RCVBUF = 2304

/// Sent to and from the kernel backend's process hosts (a forked child's calls).
extension SocketType: Codable {}

/// Sent to and from the kernel backend's process hosts (a forked child's calls).
extension PollMask: Codable {}
