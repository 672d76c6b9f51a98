import SockKernel

/// Drives the kernel model directly, as a C test program would drive Linux.
final class Harness {
  let kernel: Kernel
  var returned: [Int: (outcome: SyscallOutcome, at: Nanoseconds)] = [:]
  var events: [KernelEvent] = []
  private var nextTag = 0

  init(config: KernelConfig = KernelConfig()) {
    kernel = Kernel(config: config)
    kernel.onEvent = { [unowned self] event in
      self.events.append(event)
      if case .returned(let record, let outcome, _) = event { self.returned[record.tag] = (outcome, self.kernel.now) }
    }
  }

  func task(_ name: String) -> TaskID { kernel.spawn(name: name) }

  /// Issues `call` on `task` and returns its tag (the call may block).
  @discardableResult
  func start(_ task: TaskID, _ call: Syscall) -> Int {
    nextTag += 1
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
