import SockKernel
import SyscallVocabulary

/// The statements that are one call by one thread: a call that names no socket, and
/// `socketpair`, which names two.
extension ScenarioSession {
  /// A call that names no socket, by `thread` (`main` unless the statement names another),
  /// run to completion.
  func runCall(
    _ syscall: Syscall, by thread: ScenarioThread, word: String, expectation: Expectation?,
    at location: SourceLocation
  ) {
    let tag = remember(
      SubmittedCall(thread: thread, location: location, word: word, expectation: expectation, acceptName: nil),
      name: syscall.name)
    let task = thread.task
    backend.submit(task, tag: tag, syscall: syscall)
    runKernel(blocking: task) { self.backend.isIdle(task) }
  }

  /// `socketpair A B`: both sockets get a thread (the default mapping) in the process of the
  /// thread the statement names, whose table gets the descriptors (process 1 without one);
  /// A's makes the call unless the statement names another.
  func runSocketpair(
    _ first: Name, _ second: Name, type: SocketType, flags: Int32 = 0, expectation: Expectation?,
    by prefix: ScenarioThread?
  ) {
    guard socketsCreated + 2 <= limits.maxSockets else {
      fail(limits.socketsExceeded(at: second.location, length: second.text.count), .scriptError)
      return
    }
    let process = prefix?.process
    guard let a = newSocket(resolved(first), at: first, in: process),
      let b = newSocket(resolved(second), at: second, in: process)
    else {
      return
    }
    socketsCreated += 2
    a.type = type
    b.type = type
    let caller = prefix ?? a.thread
    let call = SubmittedCall(
      thread: caller, location: first.location, word: "socketpair", expectation: expectation, acceptName: nil)
    call.pair = b
    call.socket = a
    let tag = remember(call, name: "socketpair")
    let task = caller.task
    backend.submit(task, tag: tag, syscall: .socketpair(type: type, flags: flags))
    runKernel(blocking: task) { self.backend.isIdle(task) }
  }
}
