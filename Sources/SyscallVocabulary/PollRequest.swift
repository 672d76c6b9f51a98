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
  /// Poll's own names (`POLLIN|POLLOUT`); `0` for none.
  public var description: String {
    let names: [(PollMask, String)] = [
      (.EPOLLIN, "POLLIN"), (.EPOLLPRI, "POLLPRI"), (.EPOLLOUT, "POLLOUT"), (.EPOLLERR, "POLLERR"),
      (.EPOLLHUP, "POLLHUP"), (.EPOLLNVAL, "POLLNVAL"), (.EPOLLRDNORM, "POLLRDNORM"), (.EPOLLRDBAND, "POLLRDBAND"),
      (.EPOLLWRNORM, "POLLWRNORM"), (.EPOLLWRBAND, "POLLWRBAND"), (.EPOLLRDHUP, "POLLRDHUP"),
    ]
    let set = names.filter { contains($0.0) }.map(\.1)
    return set.isEmpty ? "0" : set.joined(separator: "|")
  }
}

/// Sent to and from the kernel backend's process hosts (a forked child's calls).
extension PollRequest: Codable {}
