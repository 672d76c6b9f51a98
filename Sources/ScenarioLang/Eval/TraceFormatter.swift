import SockKernel

/// Renders kernel events as strace-like lines:
/// `TIME ACTOR call(args) = result`, with `<...>` lines for sleeps, wake-ups and timeouts.
struct TraceFormatter {
  static let actorWidth = 8

  /// `1.000000`: seconds with microseconds (`-0.006000` for the early edge of a window).
  static func time(_ ns: Nanoseconds) -> String {
    let magnitude = ns.magnitude
    let micros = (magnitude % 1_000_000_000) / 1_000
    return "\(ns < 0 ? "-" : "")\(magnitude / 1_000_000_000).\(String(micros).leftPadded(6))"
  }

  static func line(_ at: Nanoseconds, _ actor: String, _ text: String) -> String {
    let padded = actor.count >= actorWidth ? actor : actor + String(repeating: " ", count: actorWidth - actor.count)
    return "\(time(at)) \(padded) \(text)"
  }

  /// `connect(c1, "server.sock")`; the socket argument is shown by its actor's name.
  static func call(_ syscall: Syscall, socket: String, result: SyscallOutcome? = nil) -> String {
    switch syscall {
    case .socket(let type, let proto): "socket(AF_UNIX, \(type), \(proto))"
    case .bind(_, let address): "bind(\(socket), \(address.display))"
    case .listen(_, let backlog): "listen(\(socket), \(backlog))"
    case .connect(_, let address): "connect(\(socket), \(address.display))"
    case .accept(_, let flags): flags == 0 ? "accept(\(socket))" : "accept4(\(socket), \(flags))"
    case .shutdown(_, let how): "shutdown(\(socket), \(shutdownName(how)))"
    case .close: "close(\(socket))"
    case .setTimeout(_, let option, let value, let optlen):
      "setsockopt(\(socket), SOL_SOCKET, \(option), \(value), \(optlen))"
    case .getTimeout(_, let option):
      "getsockopt(\(socket), SOL_SOCKET, \(option), \(result?.timeval.map { "\($0)" } ?? "..."), [16])"
    case .setNonBlocking(_, let on): "fcntl(\(socket), F_SETFL, \(on ? "O_RDWR|O_NONBLOCK" : "O_RDWR"))"
    case .createFile(let path): "mknod(\"\(path)\", S_IFREG|0644)"
    case .mkdir(let path): "mkdir(\"\(path)\", 0755)"
    case .unlink(let path): "unlink(\"\(path)\")"
    }
  }

  static func shutdownName(_ how: Int32) -> String {
    switch how {
    case SHUT_RD: "SHUT_RD"
    case SHUT_WR: "SHUT_WR"
    case SHUT_RDWR: "SHUT_RDWR"
    default: "\(how)"
    }
  }

  /// `= 0`, `= -1 EAGAIN (Resource temporarily unavailable)`.
  static func result(_ outcome: SyscallOutcome) -> String {
    if let errno = outcome.errno { return "= -1 \(errno.name) (\(errno.message))" }
    return "= \(outcome.value)"
  }

  /// `server.peer_wait`, `server.wq`.
  static func queue(_ name: WaitQueueName, owner: String) -> String {
    switch name.kind {
    case .peerWait: "\(owner).peer_wait"
    case .sleep: "\(owner).wq"
    }
  }

  static func block(_ info: BlockInfo, queue: String, left: Bool) -> String {
    var text = "on \(queue)\(info.exclusive ? ", exclusive" : "")"
    if let expires = info.expiresAt {
      let unit = info.timeout == 1 ? "jiffy" : "jiffies"
      text += ", \(info.timeout) \(unit)\(left ? " left" : ""), until \(time(expires))"
    } else {
      text += ", no timeout"
    }
    return text
  }
}
