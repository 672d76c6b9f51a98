import SyscallVocabulary
import Testing

@testable import SockKernel

/// SIGPIPE's action is the process's: a send to a closed peer raises it at the caller, and
/// its default action ends that process alone on the way back to user space.
@Suite("SIGPIPE: get_signal, sig_ignored, copy_sighand")
struct SigpipeTests {
  func fork(_ h: Harness, _ parent: TaskID) -> (pid: Int32, task: TaskID) {
    let outcome = h.call(parent, .fork)!
    return (Int32(outcome.value), outcome.child!)
  }

  /// A stream pair whose second end is closed, so that a send on the first raises SIGPIPE.
  func brokenPair(_ h: Harness, _ task: TaskID) -> Int32 {
    let (a, b) = h.socketpair(task, .stream)
    _ = h.call(task, .close(fd: b))
    return a
  }

  func ended(_ h: Harness, _ pid: Int32) -> ProcessEnd? {
    for case .processEnded(pid, _, let end) in h.events { return end }
    return nil
  }

  @Test("a child's send to a closed peer returns EPIPE, then SIGPIPE ends the child, and only it")
  func sigpipeEndsTheChild() {
    let h = Harness()
    let p = h.task("p")
    let a = brokenPair(h, p)
    let (pid, child) = fork(h, p)
    let send = h.send(child, a, .bytes([1]), flags: [])
    #expect(send.returned == .error(.EPIPE))
    #expect(send?.raised == .SIGPIPE)
    #expect(ended(h, pid) == .killed(.SIGPIPE))
    #expect(h.call(p, .wait4(pid: pid))?.waitStatus == .killed(.SIGPIPE))
    // The parent is alive, and its descriptor still works.
    #expect(h.send(p, a, .bytes([1]), flags: [.MSG_NOSIGNAL]).returned == .error(.EPIPE))
  }

  @Test("MSG_NOSIGNAL raises nothing: the child lives on")
  func nosignalKeepsTheChild() {
    let h = Harness()
    let p = h.task("p")
    let a = brokenPair(h, p)
    let (pid, child) = fork(h, p)
    #expect(h.send(child, a, .bytes([1]), flags: [.MSG_NOSIGNAL]).returned == .error(.EPIPE))
    #expect(ended(h, pid) == nil)
  }

  @Test("an ignored SIGPIPE ends nobody, and a fork copies the action (copy_sighand)")
  func ignoredIsInherited() {
    let h = Harness()
    let p = h.task("p")
    let a = brokenPair(h, p)
    h.kernel.ignoreSignal(.SIGPIPE, task: p)
    let (pid, child) = fork(h, p)
    #expect(h.send(child, a, .bytes([1]), flags: []).returned == .error(.EPIPE))
    #expect(ended(h, pid) == nil)
  }

  @Test("a child's own ignore leaves its parent's action and later forks' alone")
  func ignoreIsPerProcess() {
    let h = Harness()
    let p = h.task("p")
    let a = brokenPair(h, p)
    let (first, c1) = fork(h, p)
    h.kernel.ignoreSignal(.SIGPIPE, task: c1)
    _ = h.send(c1, a, .bytes([1]), flags: [])
    #expect(ended(h, first) == nil)
    let (second, c2) = fork(h, p)
    _ = h.send(c2, a, .bytes([1]), flags: [])
    #expect(ended(h, second) == .killed(.SIGPIPE))
  }

  @Test("kill SIGPIPE ends a child with the default action and is dropped by one that ignores it")
  func killWithSigpipe() {
    let h = Harness()
    let p = h.task("p")
    let lfd = h.listener(p, "s.sock", backlog: 5)
    let (first, _) = fork(h, p)
    #expect(h.call(p, .killProcess(pid: first, signal: .SIGPIPE)).returned == .value(0))
    #expect(ended(h, first) == .killed(.SIGPIPE))
    let (second, c2) = fork(h, p)
    h.kernel.ignoreSignal(.SIGPIPE, task: c2)
    let accept = h.start(c2, .accept(fd: lfd, flags: 0))
    #expect(h.call(p, .killProcess(pid: second, signal: .SIGPIPE)).returned == .value(0))
    #expect(ended(h, second) == nil)
    // Still asleep in accept: a connection wakes it.
    let c = h.task("c")
    #expect(h.connect(c, h.socket(c), "s.sock").returned == .value(0))
    #expect(h.returned(accept) == .value(4))
  }

  @Test("process 1's SIGPIPE is left to its caller: the model does not end the script's own process")
  func processOneIsLeftToTheSession() {
    let h = Harness()
    let p = h.task("p")
    let a = brokenPair(h, p)
    #expect(h.send(p, a, .bytes([1]), flags: [])?.raised == .SIGPIPE)
    #expect(ended(h, 1) == nil)
    #expect(h.send(p, a, .bytes([1]), flags: [.MSG_NOSIGNAL]).returned == .error(.EPIPE))
  }
}
