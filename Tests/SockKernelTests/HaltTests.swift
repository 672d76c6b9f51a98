import SyscallVocabulary
import Testing

@testable import SockKernel

@Suite("halt: an observer ends a run in the middle of one instant")
struct HaltTests {
  /// A 1 MiB send through a 4608-byte send buffer to a MSG_WAITALL reader: the two wake each
  /// other in turn, at one instant, until the megabyte has gone through.
  func transfer(_ h: Harness) -> (send: Int, recv: Int) {
    let (a, b) = h.socketpair(h.task("a"), .stream)
    let reader = h.task("b")
    let writer = h.task("w")
    _ = h.call(writer, .setIntOption(fd: a, option: .SO_SNDBUF, value: 1))
    h.kernel.submit(reader, tag: 1000) { .recv(fd: b, length: 1 << 20, flags: [.MSG_WAITALL]) }
    h.kernel.submit(writer, tag: 1001) { .send(fd: a, data: .zeros(1 << 20), flags: [], address: nil) }
    return (1001, 1000)
  }

  @Test("halt() at the first wake-up returns .halted with the woken task still queued; the next run goes on")
  func haltsAtOnce() {
    let h = Harness()
    let (send, recv) = transfer(h)
    var woken = 0
    let record = h.kernel.onEvent
    h.kernel.onEvent = { event in
      record?(event)
      if case .woken = event {
        woken += 1
        h.kernel.halt()
      }
    }
    #expect(h.kernel.run { false } == .halted)
    #expect(woken == 1)
    #expect(h.result(send) == nil && h.result(recv) == nil)
    h.kernel.onEvent = record
    _ = h.kernel.run { h.result(recv) != nil }
    #expect(h.result(send)?.value == 1 << 20)
    #expect(h.result(recv)?.value == 1 << 20)
    #expect(h.wakeups.count > 100)
  }

  @Test("without halt() the same run goes to the end of the transfer before the condition is looked at")
  func runsToTheEnd() {
    let h = Harness()
    let (send, recv) = transfer(h)
    #expect(h.kernel.run { true } == .satisfied)
    #expect(h.result(send)?.value == 1 << 20)
    #expect(h.result(recv)?.value == 1 << 20)
  }
}
