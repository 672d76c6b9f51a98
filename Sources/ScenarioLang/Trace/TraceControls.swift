/// strace's controls of what the trace shows: `--calls` (strace `-e trace=`), `--sockets`
/// and `--durations` (strace `-T`).
public struct TraceControls: Sendable, Equatable {
  /// Only these calls (by the name the trace prints, `accept4`, `sendto`); nil: every call.
  public var calls: Set<String>?
  /// Only the calls on these sockets (the socket a call acts on, by its script name); nil:
  /// every socket.
  public var sockets: Set<String>?
  /// A returned call's line ends with the time it took, `<0.001000>`.
  public var durations = false

  public init(calls: Set<String>? = nil, sockets: Set<String>? = nil, durations: Bool = false) {
    self.calls = calls
    self.sockets = sockets
    self.durations = durations
  }

  /// No filter and no durations: every event's line is printed as it is.
  public var admitsEverything: Bool { calls == nil && sockets == nil && !durations }

  /// Whether the trace keeps `event`. A filter leaves what belongs to no call (a process's
  /// end, the kernel's lines, a `state` table) in, as strace keeps signals and exits.
  public func admits(_ event: TraceEvent) -> Bool {
    if let calls, let call = event.call, !calls.contains(call) { return false }
    if let sockets, event.call != nil, !(event.socket.map(sockets.contains) ?? false) { return false }
    return true
  }

  /// Every name `--calls` accepts: the calls the language can make, as the trace names them.
  public static let callNames: [String] = [
    "socket", "bind", "listen", "connect", "accept", "accept4", "shutdown", "close", "setsockopt", "getsockopt",
    "fcntl", "mknod", "mkdir", "unlink", "socketpair", "send", "sendto", "recv", "sendmsg", "recvmsg", "sendmmsg",
    "recvmmsg", "prlimit64", "getsockname", "getpeername", "poll", "ppoll", "select", "pselect6", "rt_sigprocmask",
    "sysctl", "tgkill", "dup", "dup2", "dup3", "ioctl", "epoll_create1", "epoll_ctl", "epoll_wait", "epoll_pwait",
    "read", "write", "openat", "fork", "exit_group", "execve", "wait4", "kill", "setuid", "setgid",
    "clock_nanosleep",
  ]

  /// Why `--calls` cannot take `name` (with a suggestion for a misspelling), or nil.
  public static func unknownCall(_ name: String) -> String? {
    guard !callNames.contains(name) else { return nil }
    let hint = Parser.suggestion(for: name, among: callNames).first.map { ": \($0)" } ?? ""
    return "--calls: unknown call '\(name)'\(hint) (the names are the trace's: accept4, sendto, …)"
  }
}
