/// One `struct pollfd` of a `poll(2)` call, before the call.
public struct PollRequest: Sendable, Equatable {
  public var fd: Int32
  public var events: PollMask

  public init(fd: Int32, events: PollMask) {
    self.fd = fd
    self.events = events
  }
}

extension PollMask: CustomStringConvertible {
  /// The events' names without a prefix, in strace's order; epoll's flags after them.
  static let names: [(PollMask, String)] = [
    (.EPOLLIN, "IN"), (.EPOLLPRI, "PRI"), (.EPOLLOUT, "OUT"), (.EPOLLERR, "ERR"), (.EPOLLHUP, "HUP"),
    (.EPOLLNVAL, "NVAL"), (.EPOLLRDNORM, "RDNORM"), (.EPOLLRDBAND, "RDBAND"), (.EPOLLWRNORM, "WRNORM"),
    (.EPOLLWRBAND, "WRBAND"), (.EPOLLRDHUP, "RDHUP"), (.EPOLLEXCLUSIVE, "EXCLUSIVE"), (.EPOLLWAKEUP, "WAKEUP"),
    (.EPOLLONESHOT, "ONESHOT"), (.EPOLLET, "ET"),
  ]

  /// The names with `prefix` (`POLLIN|POLLOUT`, `EPOLLIN|EPOLLET`); `0` for none.
  public func names(prefix: String) -> String {
    let set = Self.names.filter { contains($0.0) }.map { prefix + $0.1 }
    return set.isEmpty ? "0" : set.joined(separator: "|")
  }

  /// Poll's own names (`POLLIN|POLLOUT`); `0` for none.
  public var description: String { names(prefix: "POLL") }
}

/// Sent to and from the kernel backend's process hosts (a forked child's calls).
extension PollRequest: Codable {}
