import SockKernel
import SyscallVocabulary

/// Renders kernel events as strace-like lines:
/// `TIME ACTOR call(args) = result`, with `<...>` lines for sleeps, wake-ups and timeouts.
struct TraceFormatter {
  static let actorWidth = 8

  /// `1.000000`: seconds with microseconds (`-0.006000` for the early edge of a window).
  static func time(_ ns: Nanoseconds) -> String {
    String(unsafeUninitializedCapacity: maxTimeBytes) { writeTime(ns, into: $0) }
  }

  static func line(_ at: Nanoseconds, _ actor: String, _ text: String, tail: String = "") -> String {
    // Written byte by byte into the string's own storage: interpolating the time, the
    // padded name and the text cost some 7 000 instructions a line (callgrind, a traced
    // cycle), as much as the calls the line reports.
    String(unsafeUninitializedCapacity: lineCapacity(actor, text, tail: tail)) {
      writeLine(at, actor, text, tail: tail, into: $0)
    }
  }

  /// The bytes of ``line(_:_:_:tail:)`` at most: the longest time, two spaces, the name and
  /// at most its width of padding, the text.
  static func lineCapacity(_ actor: String, _ text: String, tail: String) -> Int {
    maxTimeBytes + 2 + actor.utf8.count + actorWidth + text.utf8.count + tail.utf8.count
  }

  /// Writes the line into `buffer`, of ``lineCapacity(_:_:tail:)`` bytes; returns its length.
  static func writeLine(
    _ at: Nanoseconds, _ actor: String, _ text: String, tail: String, into buffer: UnsafeMutableBufferPointer<UInt8>
  ) -> Int {
    // A name's width in characters: its byte count when it is ASCII, as names nearly always
    // are (counting characters cost some 180 instructions a line).
    let width = actor.utf8.allSatisfy { $0 < 0x80 } ? actor.utf8.count : actor.count
    let padding = max(actorWidth - width, 0)
    var end = writeTime(at, into: buffer)
    buffer[end] = UInt8(ascii: " ")
    end += 1
    end = buffer[end...].initialize(fromContentsOf: actor.utf8)
    buffer[end..<end + padding].initialize(repeating: UInt8(ascii: " "))
    end += padding
    buffer[end] = UInt8(ascii: " ")
    end += 1
    end = buffer[end...].initialize(fromContentsOf: text.utf8)
    return buffer[end...].initialize(fromContentsOf: tail.utf8)
  }

  /// The longest time: a sign, 10 digits of seconds (`Int64.max` ns is 9223372036 s), a point
  /// and 6 of microseconds.
  private static let maxTimeBytes = 18

  /// Writes `1.000000` for `ns` at the start of `buffer`; returns the index after it.
  private static func writeTime(_ ns: Nanoseconds, into buffer: UnsafeMutableBufferPointer<UInt8>) -> Int {
    let magnitude = ns.magnitude
    var end = 0
    if ns < 0 {
      buffer[0] = UInt8(ascii: "-")
      end = 1
    }
    let seconds = magnitude / 1_000_000_000
    end = writeDigits(seconds, count: digitCount(seconds), into: buffer, at: end)
    buffer[end] = UInt8(ascii: ".")
    var micros = (magnitude % 1_000_000_000) / 1_000
    for i in stride(from: end + 6, through: end + 1, by: -1) {
      buffer[i] = UInt8(ascii: "0") + UInt8(micros % 10)
      micros /= 10
    }
    return end + 7
  }

  /// How many decimal digits `value` has (1 for 0).
  private static func digitCount(_ value: UInt64) -> Int {
    var rest = value
    var digits = 1
    while rest >= 10 {
      rest /= 10
      digits += 1
    }
    return digits
  }

  /// Writes the `count` decimal digits of `value` at `start`; returns the index after them.
  private static func writeDigits(
    _ value: UInt64, count: Int, into buffer: UnsafeMutableBufferPointer<UInt8>, at start: Int
  ) -> Int {
    var rest = value
    for i in stride(from: start + count - 1, through: start, by: -1) {
      buffer[i] = UInt8(ascii: "0") + UInt8(rest % 10)
      rest /= 10
    }
    return start + count
  }

  /// `connect(c1, "server.sock")`; the socket argument is shown by its actor's name, other
  /// descriptors (a `poll`'s) by `name(fd)`.
  static func call(
    _ syscall: Syscall, socket: String, result: SyscallOutcome? = nil, name: (Int32) -> String = { "\($0)" },
    pairNames: (String, String)? = nil, thread: (TaskID) -> String = { "\($0.rawValue)" }
  ) -> String {
    switch syscall {
    case .socket(let type, let proto, let flags): "socket(AF_UNIX, \(type)\(typeFlags(flags)), \(proto))"
    case .bind(_, let address): "bind(\(socket), \(address.length == 2 ? "{sa_family=AF_UNIX}, 2" : address.display))"
    case .listen(_, let backlog): "listen(\(socket), \(backlog))"
    case .connect(_, let address):
      // strace's spelling of `disconnect`, a connect to an AF_UNSPEC address.
      address.family == UInt16(AF_UNSPEC)
        ? "connect(\(socket), {sa_family=AF_UNSPEC})" : "connect(\(socket), \(address.display))"
    case .accept(_, let flags):
      flags == 0 ? "accept(\(socket))" : "accept4(\(socket), NULL, NULL, \(socketFlags(flags)))"
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
    case .socketpair(let type, let flags):
      "socketpair(AF_UNIX, \(type)\(typeFlags(flags)), 0, "
        + (result?.pair.map { "[\(pairNames?.0 ?? "")=\($0.fds.0), \(pairNames?.1 ?? "")=\($0.fds.1)]" } ?? "...") + ")"
    case .send(_, let payload, let flags, let address):
      "\(address == nil ? "send" : "sendto")(\(socket), \(data(payload)), \(payload.count), \(flags)"
        + (address.map { ", \($0.display))" } ?? ")")
    case .recv(_, let length, let flags):
      "recv(\(socket), \(result?.data.map(data) ?? "..."), \(length), \(flags))"
    case .sendmsg(_, let message): sendmsg(message, socket: socket, name: name)
    case .recvmsg(_, let request): recvmsg(request, socket: socket, result: result, name: name)
    case .sendmmsg(_, let messages, let flags):
      sendmmsg(messages, flags: flags, socket: socket, result: result, name: name)
    case .recvmmsg(_, let requests, let flags, let timeout):
      "recvmmsg(\(socket), \(receivedBatch(requests, result: result, name: name)), \(requests.count), \(flags), "
        + (timeout.map { "{tv_sec=\($0 / 1_000_000_000), tv_nsec=\($0 % 1_000_000_000)}" } ?? "NULL") + ")"
    case .setIntOption(_, let option, let value, let optlen):
      "setsockopt(\(socket), SOL_SOCKET, \(option), [\(value)], \(optlen))"
    case .getIntOption(_, let option, let optlen):
      "getsockopt(\(socket), SOL_SOCKET, \(option), \(result?.optionValue.map { optionValue(option, $0) } ?? "..."), "
        + "\(optionLength(optlen, written: result?.optionLength)))"
    case .setrlimitNofile(let limit): "prlimit64(0, RLIMIT_NOFILE, \(limit), NULL)"
    case .getPeerCred:
      "getsockopt(\(socket), SOL_SOCKET, SO_PEERCRED, \(result?.peerCred.map { "\($0)" } ?? "..."), [12])"
    case .getName(_, let peer):
      "\(peer ? "getpeername" : "getsockname")(\(socket), "
        + (result?.name.map { "\(sockName($0)), [110 => \($0.length)]" } ?? "..., [110]") + ")"
    case .poll(let fds, let timeoutMs):
      "poll([" + fds.map { "{fd=\(name($0.fd)), events=\($0.events)}" }.joined(separator: ", ")
        + "], \(fds.count), \(timeoutMs))"
    case .ppoll(let fds, let timeout, let sigmask):
      "ppoll([" + fds.map { "{fd=\(name($0.fd)), events=\($0.events)}" }.joined(separator: ", ")
        + "], \(fds.count), \(timeout.map(timespec) ?? "NULL"), \(sigmask.map { "\($0)" } ?? "NULL"), \(SigSet.size))"
    case .select(let request): select(request, name: name)
    case .sigprocmask(let how, let set): "rt_sigprocmask(\(how), \(set), NULL, \(SigSet.size))"
    case .sysctl(let sysctl, let value): "sysctl(\(sysctl)=\(value))"
    case .kill(_, let signal): "tgkill(\(socket), \(signal))"
    case .dup: "dup(\(socket))"
    case .dup2(_, let newfd): "dup2(\(socket), \(name(newfd)))"
    case .dup3(_, let newfd, let flags): "dup3(\(socket), \(name(newfd)), \(flags == 0 ? "0" : openFlags(flags)))"
    case .open(let path): "openat(AT_FDCWD, \"\(path)\", O_RDONLY)"
    case .read(_, let length): "read(\(socket), \(result?.data.map(data) ?? "..."), \(length))"
    case .write(_, let payload): "write(\(socket), \(data(payload)), \(payload.count))"
    case .fcntl(_, let command, let arg):
      switch command {
      case .F_GETFD, .F_GETFL: "fcntl(\(socket), \(command))"
      case .F_SETFD: "fcntl(\(socket), \(command), \(descriptorFlags(arg)))"
      case .F_SETFL: "fcntl(\(socket), \(command), \(statusFlags(arg)))"
      case .F_DUPFD, .F_DUPFD_CLOEXEC, .F_SETOWN: "fcntl(\(socket), \(command), \(arg))"
      case .F_GETOWN: "fcntl(\(socket), \(command))"
      case .F_SETOWN_EX: "fcntl(\(socket), \(command), {type=F_OWNER_TID, pid=\(thread(TaskID(rawValue: Int(arg))))})"
      }
    case .epollCreate(let flags): "epoll_create1(\(flags == O_CLOEXEC ? "EPOLL_CLOEXEC" : "\(flags)"))"
    case .epollCtl(_, let op, let fd, let event):
      "epoll_ctl(\(socket), \(op), \(name(fd)), " + (op == .EPOLL_CTL_DEL ? "NULL" : epollEvent(event)) + ")"
    case .epollWait(_, let maxevents, let timeoutMs):
      "epoll_wait(\(socket), \(result?.epollEvents.map(epollEvents) ?? "..."), \(maxevents), \(timeoutMs))"
    case .epollPwait(_, let maxevents, let timeoutMs, let sigmask):
      "epoll_pwait(\(socket), \(result?.epollEvents.map(epollEvents) ?? "..."), \(maxevents), \(timeoutMs), "
        + "\(sigmask.map { "\($0)" } ?? "NULL"), \(SigSet.size))"
    case .ioctl(_, let request):
      "ioctl(\(socket), \(request), \(result?.optionValue.map { "[\($0)]" } ?? "..."))"
    case .fork: "fork()"
    case .exitGroup(let status): "exit_group(\(status))"
    // The program is sockscript, run again as the same script; its arguments (the kernel
    // backend's host's) and environment are not shown, as strace's `...` leaves data out.
    case .execve: "execve(\"/proc/self/exe\", [...], ...)"
    case .wait4(let pid): "wait4(\(pid), \(result?.waitStatus.map(waitStatus) ?? "..."), 0, NULL)"
    case .killProcess(let pid, let signal): "kill(\(pid), \(signal))"
    case .setuid(let uid): "setuid(\(uid))"
    case .setgid(let gid): "setgid(\(gid))"
    case .nanosleep(let ns):
      "clock_nanosleep(CLOCK_REALTIME, 0, {tv_sec=\(ns / 1_000_000_000), tv_nsec=\(ns % 1_000_000_000)}, NULL)"
    }
  }

  /// `{tv_sec=0, tv_nsec=30000000}`.
  static func timespec(_ ns: Nanoseconds) -> String {
    "{tv_sec=\(ns / NSEC_PER_SEC), tv_nsec=\(ns % NSEC_PER_SEC)}"
  }

  /// `select(6, [a b], NULL, NULL, {tv_sec=0, tv_usec=30000})`, or `pselect6(…, {tv_sec=0,
  /// tv_nsec=30000000}, {sigmask=[USR1], sigsetsize=8})`, as strace shows them.
  static func select(_ request: SelectRequest, name: (Int32) -> String) -> String {
    let sets = [request.read, request.write, request.except].map { set in
      set.map { "[" + $0.map(name).joined(separator: " ") + "]" } ?? "NULL"
    }
    let head = "(\(request.nfds), " + sets.joined(separator: ", ") + ", "
    switch request.variant {
    case .select:
      let timeval = request.timeout.map { "{tv_sec=\($0 / NSEC_PER_SEC), tv_usec=\($0 % NSEC_PER_SEC / 1000)}" }
      return "select" + head + (timeval ?? "NULL") + ")"
    case .pselect6:
      return "pselect6" + head + (request.timeout.map(timespec) ?? "NULL")
        + ", {sigmask=\(request.sigmask.map { "\($0)" } ?? "NULL"), sigsetsize=\(SigSet.size)})"
    }
  }

  /// ` (in [a], out [a b])` after a `select`'s return, ` (Timeout)` when nothing was ready.
  static func selected(_ result: SelectResult, name: (Int32) -> String) -> String {
    let sets = [("in", result.read), ("out", result.write), ("except", result.except)].filter { !$0.1.isEmpty }
    guard !sets.isEmpty else { return " (Timeout)" }
    return " (" + sets.map { "\($0.0) [" + $0.1.map(name).joined(separator: " ") + "]" }.joined(separator: ", ") + ")"
  }

  /// `{events=EPOLLIN|EPOLLET, data=4}`: an `epoll_event` (its data as a number, which a
  /// script's default makes the watched descriptor's).
  static func epollEvent(_ event: EpollEvent) -> String {
    "{events=\(EpollEvent.names(event.events)), data=\(event.data)}"
  }

  /// `[{events=EPOLLIN, data=4}, …]`: what an `epoll_wait` delivered.
  static func epollEvents(_ events: [EpollEvent]) -> String {
    "[" + events.map(epollEvent).joined(separator: ", ") + "]"
  }

  /// `[{WIFEXITED(s) && WEXITSTATUS(s) == 0}]`, as strace shows a wait status.
  static func waitStatus(_ end: ProcessEnd) -> String {
    switch end {
    case .exited(let code): "[{WIFEXITED(s) && WEXITSTATUS(s) == \(code)}]"
    case .killed(let signal): "[{WIFSIGNALED(s) && WTERMSIG(s) == \(signal)}]"
    }
  }

  /// The longest data shown; more is cut with `...`, as strace does.
  static let dataShown = 64

  /// `"hello"`, or `<4096 bytes>` for data that is all NUL bytes (a `send SIZE`).
  static func data(_ payload: Payload) -> String {
    switch payload {
    case .zeros(0): return "\"\""
    case .zeros(let n): return "<\(n) byte\(n == 1 ? "" : "s")>"
    case .bytes(let bytes):
      // Written as bytes and decoded once, as ``SockAddrUn/display`` is: appending scalar
      // by scalar cost hundreds of instructions a byte.
      let shown = bytes.prefix(dataShown)
      var text: [UInt8] = []
      text.reserveCapacity(shown.count + 5)
      text.append(UInt8(ascii: "\""))
      func escaped(_ letter: UInt8) {
        text.append(UInt8(ascii: "\\"))
        text.append(letter)
      }
      for b in shown {
        switch b {
        case UInt8(ascii: "\""), UInt8(ascii: "\\"): escaped(b)
        case 0x0A: escaped(UInt8(ascii: "n"))
        case 0x09: escaped(UInt8(ascii: "t"))
        case 0: escaped(UInt8(ascii: "0"))
        case 0x20..<0x7f: text.append(b)
        default: HexEscape.append(b, to: &text)
        }
      }
      text.append(UInt8(ascii: "\""))
      if bytes.count > dataShown { text.append(contentsOf: "...".utf8) }
      return String(decoding: text, as: UTF8.self)
    }
  }

  /// `[8192]`; `SO_ERROR` by its errno name.
  static func optionValue(_ option: IntOption, _ value: Int32) -> String {
    if option == .SO_ERROR, value != 0, let e = Errno(rawValue: value) { return "[\(e.name)]" }
    if option == .SO_TYPE, let t = SocketType(rawValue: value) { return "[\(t)]" }
    return "[\(value)]"
  }

  /// A `socklen_t` passed in and written back, as strace shows one: `[4]`, or `[8 => 4]`
  /// when the kernel changed it.
  static func optionLength(_ given: Int32, written: Int32?) -> String {
    guard let written, written != given else { return "[\(given)]" }
    return "[\(given) => \(written)]"
  }

  /// A name `getsockname` wrote back: `"server.sock"`, `@"name"`, or the family alone
  /// (`{sa_family=AF_UNIX}`, strace's spelling) for an unbound socket.
  static func sockName(_ address: SockAddrUn) -> String {
    address.length <= 2 ? "{sa_family=AF_UNIX}" : address.display
  }

  /// `POLLIN|POLLOUT`, or `0`.
  static func events(_ mask: PollMask) -> String { mask.description }

  /// `= 1 ([{fd=c1, revents=POLLIN}])`: what a poll saw, after its count.
  static func revents(_ fds: [PollRequest], _ revents: [PollMask], name: (Int32) -> String) -> String {
    let ready = zip(fds, revents).filter { !$0.1.isEmpty }
    return " ([" + ready.map { "{fd=\(name($0.0.fd)), revents=\($0.1)}" }.joined(separator: ", ") + "])"
  }

  /// ` <0.001000>` after a returned call with `--durations`: the time it took, in seconds
  /// to the microsecond, as strace's `-T` prints it.
  static func took(_ ns: Nanoseconds) -> String {
    let micros = (ns + 500) / 1000
    return "<\(micros / 1_000_000).\(String(micros % 1_000_000).leftPad(6))>"
  }

  /// `20ms`, `50us`, `1500ms`: a duration in the largest unit that shows it exactly.
  static func duration(_ ns: Nanoseconds) -> String {
    for (unit, scale) in [("s", NSEC_PER_SEC), ("ms", NSEC_PER_MSEC), ("us", 1_000)] where ns % scale == 0 {
      return "\(ns / scale)\(unit)"
    }
    return "\(ns)ns"
  }

  /// `SOCK_CLOEXEC|SOCK_NONBLOCK`, in strace's order; other bits in hex, with strace's
  /// `/* SOCK_??? */` when no bit has a name.
  static func socketFlags(_ flags: Int32) -> String {
    var names: [String] = []
    if flags & SOCK_CLOEXEC != 0 { names.append("SOCK_CLOEXEC") }
    if flags & SOCK_NONBLOCK != 0 { names.append("SOCK_NONBLOCK") }
    let rest = flags & ~(SOCK_CLOEXEC | SOCK_NONBLOCK)
    guard rest != 0 else { return names.isEmpty ? "0" : names.joined(separator: "|") }
    let hex = "0x" + String(UInt32(bitPattern: rest), radix: 16)
    return names.isEmpty ? hex + " /* SOCK_??? */" : (names + [hex]).joined(separator: "|")
  }

  /// `|SOCK_NONBLOCK` after a socket type, or nothing.
  static func typeFlags(_ flags: Int32) -> String { flags == 0 ? "" : "|" + socketFlags(flags) }

  /// `O_RDWR|O_APPEND|O_NONBLOCK`: the access mode, then the flags strace knows, in its
  /// order, then any other bits in hex.
  static func statusFlags(_ flags: Int32) -> String {
    let modes = ["O_RDONLY", "O_WRONLY", "O_RDWR", "O_ACCMODE"]
    var names = [modes[Int(flags & O_ACCMODE)]]
    var rest = flags & ~O_ACCMODE
    let known = [
      (O_APPEND, "O_APPEND"), (O_NONBLOCK, "O_NONBLOCK"), (O_DIRECT, "O_DIRECT"), (O_LARGEFILE, "O_LARGEFILE"),
    ]
    for (bit, name) in known
    where rest & bit != 0 {
      names.append(name)
      rest &= ~bit
    }
    if rest != 0 { names.append("0x" + String(UInt32(bitPattern: rest), radix: 16)) }
    return names.joined(separator: "|")
  }

  /// `FD_CLOEXEC`, `0`.
  static func descriptorFlags(_ flags: Int32) -> String {
    if flags == 0 { return "0" }
    let rest = flags & ~FD_CLOEXEC
    let names = (flags & FD_CLOEXEC != 0 ? ["FD_CLOEXEC"] : []) + (rest != 0 ? ["0x" + String(rest, radix: 16)] : [])
    return names.joined(separator: "|")
  }

  /// strace's result of F_GETFL and F_GETFD: `= 0x802 (flags O_RDWR|O_NONBLOCK)`, `= 0`.
  static func fcntlResult(_ command: FcntlCommand, _ value: Int64) -> String? {
    guard value > 0, command == .F_GETFL || command == .F_GETFD else { return nil }
    let flags = Int32(truncatingIfNeeded: value)
    let names = command == .F_GETFL ? statusFlags(flags) : descriptorFlags(flags)
    return "= 0x\(String(value, radix: 16)) (flags \(names))"
  }

  /// `O_CLOEXEC`, or the number for flags the call refuses.
  static func openFlags(_ flags: Int32) -> String { flags == O_CLOEXEC ? "O_CLOEXEC" : "\(flags)" }

  static func shutdownName(_ how: Int32) -> String {
    switch how {
    case SHUT_RD: "SHUT_RD"
    case SHUT_WR: "SHUT_WR"
    case SHUT_RDWR: "SHUT_RDWR"
    default: "\(how)"
    }
  }

  /// ` = 3`, or ` = -1 EAGAIN (Resource temporarily unavailable)`: a success's digits are
  /// written in place (each piece of an interpolation costs some 250 instructions, and
  /// every traced call has this one).
  static func resultTail(_ outcome: SyscallOutcome) -> String {
    if let errno = outcome.errno { return " = -1 \(errno.name) (\(errno.message))" }
    let value = outcome.value
    let digits = digitCount(value.magnitude)
    let start = value < 0 ? 4 : 3
    // The exact length: up to 15 bytes the string is stored inline, without an allocation.
    return String(unsafeUninitializedCapacity: start + digits) { buffer in
      buffer[0] = UInt8(ascii: " ")
      buffer[1] = UInt8(ascii: "=")
      buffer[2] = UInt8(ascii: " ")
      if value < 0 { buffer[3] = UInt8(ascii: "-") }
      return writeDigits(value.magnitude, count: digits, into: buffer, at: start)
    }
  }

  /// `server.peer_wait`, `server.wq`.
  static func queue(_ name: WaitQueueName, owner: String) -> String {
    switch name.kind {
    case .peerWait: "\(owner).peer_wait"
    case .sleep: "\(owner).wq"
    case .childExit: "\(owner).wait_chldexit"
    case .pollWait: "\(owner).poll_wait"
    }
  }

  /// `on server.peer_wait, exclusive, 250 jiffies, until 1.000000`; a `poll` sleeps on all
  /// its queues with a nanosecond timeout plus timer slack:
  /// `on a.wq, b.wq, 20ms + 50us slack, until 0.020050`.
  static func block(_ info: BlockInfo, queues: String, left: Bool) -> String {
    var text = (queues.isEmpty ? "on no queue" : "on \(queues)") + (info.exclusive ? ", exclusive" : "")
    if let hrtimer = info.hrtimer {
      if !left { text += ", \(duration(hrtimer.timeout)) + \(duration(hrtimer.slack)) slack" }
      text += ", until \(time(hrtimer.expiresAt))"
    } else if let expires = info.expiresAt {
      let unit = info.timeout == 1 ? "jiffy" : "jiffies"
      text += ", \(info.timeout) \(unit)\(left ? " left" : ""), until \(time(expires))"
    } else {
      text += ", no timeout"
    }
    return text
  }
}
