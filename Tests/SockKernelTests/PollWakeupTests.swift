import SyscallVocabulary
import Testing

@testable import SockKernel

@Suite("poll: who a wake-up reaches")
struct PollWakeupTests {
  @Test("__pollwait queues pollers non-exclusively: one send wakes every poller of the socket")
  func everyPollerIsWoken() {
    let h = Harness()
    let t = h.task("t")
    let (a, b) = h.socketpair(t, .stream)
    let first = h.startPoll(h.task("p1"), [(a, .EPOLLIN)], timeoutMs: -1)
    let second = h.startPoll(h.task("p2"), [(a, .EPOLLIN)], timeoutMs: -1)
    let send = h.start(t, .send(fd: b, data: .bytes([1]), flags: [], address: nil))
    #expect(h.returned(send) == .value(1))
    // add_wait_queue puts a non-exclusive entry at the head: the later poller first.
    #expect(h.woken(by: send) == [second, first])
    #expect(h.wakeups.allSatisfy { !$0.exclusive })
    #expect(h.result(first)?.revents == [.EPOLLIN])
    #expect(h.result(second)?.revents == [.EPOLLIN])
  }

  @Test("a reader and a poller of one socket: the data wakes both, the poller (queued later) first")
  func readerAndPoller() {
    let h = Harness()
    let t = h.task("t")
    let (a, b) = h.socketpair(t, .stream)
    let recv = h.start(h.task("reader"), .recv(fd: a, length: 10, flags: []))
    let poll = h.startPoll(h.task("poller"), [(a, .EPOLLIN)], timeoutMs: -1)
    let send = h.start(t, .send(fd: b, data: .bytes([7]), flags: [], address: nil))
    #expect(h.woken(by: send) == [poll, recv])
    #expect(h.returned(recv) == .value(1))
    #expect(h.returned(poll) == .value(1))
  }
}
