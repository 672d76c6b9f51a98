import SockKernel
import SyscallVocabulary
import Testing

/// Drives the kernel model directly, as a C test program would drive Linux.
final class Harness {
  let kernel: Kernel
  var returned: [Int: (outcome: SyscallOutcome, at: Nanoseconds)] = [:]
  var events: [KernelEvent] = []
  /// Every wake-up, in order (HarnessAssertions.swift).
  var wakeups: [Wakeup] = []
  /// The call whose event was reported last: the waker of the wake-ups reported next.
  var steppedCall: CallRecord?
  /// The tag of each task's latest call.
  var lastTag: [TaskID: Int] = [:]
  private var nextTag = 0

  init(config: KernelConfig = KernelConfig()) {
    kernel = Kernel(config: config)
    kernel.onEvent = { [unowned self] event in self.record(event) }
    // The language's handlers: SIGUSR2's has SA_RESTART, SIGUSR1's has not.
    kernel.sigaction(.SIGUSR2, saRestart: true)
  }

  func task(_ name: String) -> TaskID { kernel.spawn(name: name) }

  /// Issues `call` on `task` and returns its tag (the call may block).
  @discardableResult
  func start(_ task: TaskID, _ call: Syscall) -> Int {
    nextTag += 1
    lastTag[task] = nextTag
    kernel.submit(task, tag: nextTag) { call }
    _ = kernel.run { true }
    return nextTag
  }

  /// Issues `call` and runs until it returns; nil when it is still blocked with nothing left.
  func call(_ task: TaskID, _ call: Syscall) -> SyscallOutcome? {
    let tag = start(task, call)
    _ = kernel.run { self.returned[tag] != nil }
    return returned[tag]?.outcome
  }

  func result(_ tag: Int) -> SyscallOutcome? { returned[tag]?.outcome }
  func time(_ tag: Int) -> Nanoseconds? { returned[tag]?.at }

  /// Lets virtual time pass.
  func sleep(_ ns: Nanoseconds) {
    let alarm = kernel.setAlarm(at: kernel.now + ns)
    _ = kernel.run { self.kernel.hasFired(alarm) }
  }

  /// A stream socket of `task`.
  func socket(_ task: TaskID, _ type: SocketType = .stream) -> Int32 {
    Int32(call(task, .socket(type: type, protocol: 0))!.value)
  }

  /// A listener bound to `path` with `backlog`.
  func listener(_ task: TaskID, _ path: String, backlog: Int32) -> Int32 {
    let fd = socket(task)
    _ = call(task, .bind(fd: fd, address: .filesystem(path)))
    _ = call(task, .listen(fd: fd, backlog: backlog))
    return fd
  }

  func setSndtimeo(_ task: TaskID, _ fd: Int32, _ sec: Int64, _ usec: Int64) -> SyscallOutcome {
    call(task, .setTimeout(fd: fd, option: .SO_SNDTIMEO, value: Timeval(seconds: sec, microseconds: usec), optlen: 16))!
  }
}

let ms: Nanoseconds = 1_000_000
let second: Nanoseconds = 1_000_000_000

/// Data helpers: a bound or unbound `SOCK_DGRAM` socket, socket pairs, sends and receives.
extension Harness {
  func dgram(_ task: TaskID, bound path: String? = nil) -> Int32 {
    let fd = socket(task, .dgram)
    if let path { #expect(call(task, .bind(fd: fd, address: .filesystem(path))).returned == .value(0)) }
    return fd
  }

  func send(
    _ task: TaskID, _ fd: Int32, _ data: Payload, to path: String? = nil, flags: MessageFlags = [.MSG_DONTWAIT]
  ) -> SyscallOutcome? {
    call(task, .send(fd: fd, data: data, flags: flags, address: path.map { .filesystem($0) }))
  }

  func recv(_ task: TaskID, _ fd: Int32, _ length: Int, flags: MessageFlags = [.MSG_DONTWAIT]) -> SyscallOutcome? {
    call(task, .recv(fd: fd, length: length, flags: flags))
  }

  func connect(_ task: TaskID, _ fd: Int32, _ path: String) -> SyscallOutcome? {
    call(task, .connect(fd: fd, address: .filesystem(path)))
  }

  func disconnect(_ task: TaskID, _ fd: Int32) -> SyscallOutcome? {
    call(task, .connect(fd: fd, address: SockAddrUn(family: UInt16(AF_UNSPEC), path: [], length: 16)))
  }

  /// Sends one-byte datagrams without blocking until one fails; returns how many went.
  func fill(_ task: TaskID, _ fd: Int32, to path: String? = nil, limit: Int = 1000) -> Int {
    var sent = 0
    while sent < limit, send(task, fd, .zeros(1), to: path).returned == .value(1) { sent += 1 }
    return sent
  }

  func socketpair(_ task: TaskID, _ type: SocketType) -> (Int32, Int32) {
    let fds = call(task, .socketpair(type: type))!.pair!.fds
    return (fds.0, fds.1)
  }

  /// A harness whose receivers admit one datagram (max_dgram_qlen 0), with receiver task
  /// `r` bound to "r.sock".
  static func fullReceiver() -> (h: Harness, r: TaskID, rfd: Int32) {
    var config = KernelConfig()
    config.maxDgramQlen = 0
    let h = Harness(config: config)
    let r = h.task("r")
    return (h, r, h.dgram(r, bound: "r.sock"))
  }

  /// An unbound datagram sender with SO_SNDTIMEO {sec, usec}.
  func sender(_ name: String, sndtimeo sec: Int64, _ usec: Int64) -> (TaskID, Int32) {
    let t = task(name)
    let fd = dgram(t)
    _ = setSndtimeo(t, fd, sec, usec)
    return (t, fd)
  }

  /// Starts a blocking send of one byte to `path` (or the peer); returns its tag.
  func startSend(_ task: TaskID, _ fd: Int32, _ byte: UInt8, to path: String? = "r.sock") -> Int {
    start(task, .send(fd: fd, data: .bytes([byte]), flags: [], address: path.map { .filesystem($0) }))
  }
}
