import SockKernel
import SyscallVocabulary
import Testing

/// A call submitted with its arguments already built must start before anything else runs:
/// `startsAtOnce` holds only for an idle task when no other task is runnable.
@Suite("Submitting calls")
struct SubmitTests {
  @Test("startsAtOnce: not while another task is runnable, nor while the task has a call queued or asleep")
  func startsAtOnce() {
    let h = Harness()
    let a = h.task("a")
    let b = h.task("b")
    #expect(h.kernel.startsAtOnce(a))
    h.kernel.submit(a, tag: 1, syscall: .socket(type: .stream, protocol: 0))
    // a is runnable: a call for b would start after a's.
    #expect(!h.kernel.startsAtOnce(b))
    #expect(!h.kernel.startsAtOnce(a))
    _ = h.kernel.run { true }
    #expect(h.kernel.startsAtOnce(a) && h.kernel.startsAtOnce(b))
    // a asleep in an accept on a listener with no client: not idle.
    let fd = h.listener(a, "l.sock", backlog: 1)
    h.start(a, .accept(fd: fd, flags: 0))
    #expect(!h.kernel.startsAtOnce(a))
    #expect(h.kernel.startsAtOnce(b))
  }

  @Test("a thread of an ended process makes no call: startsAtOnce is false, and what is submitted never returns")
  func deadTask() {
    let h = Harness()
    let p = h.task("p")
    let child = h.call(p, .fork)!.child!
    _ = h.start(child, .exitGroup(status: 0))
    #expect(!h.kernel.startsAtOnce(child))
    h.kernel.submit(child, tag: 99, syscall: .socket(type: .stream, protocol: 0))
    _ = h.kernel.run { true }
    #expect(h.result(99) == nil)
  }

  @Test("a call with built arguments returns as the same call with a closure would")
  func readyArguments() {
    let h = Harness()
    let a = h.task("a")
    h.kernel.submit(a, tag: 7, syscall: .socketpair(type: .stream, flags: 0))
    _ = h.kernel.run { h.result(7) != nil }
    let fds = h.result(7)?.pair?.fds
    #expect(fds?.0 == 3 && fds?.1 == 4)
  }
}
