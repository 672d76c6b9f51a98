import SyscallVocabulary
import Testing

@testable import SockKernel

@Suite("poll: do_sys_poll's timeout and slack, its sleep on every queue, and what ends it")
struct PollTests {
  @Test(
    "the timeout is in nanoseconds plus select_estimate_accuracy's slack, not jiffies",
    arguments: [(1, 1_050_000), (3, 3_050_000), (20, 20_050_000), (200, 200_200_000), (1000, 1_001_000_000)]
      as [(Int32, Nanoseconds)])
  func timeoutWithSlack(timeoutMs: Int32, returnsAt: Nanoseconds) {
    let h = Harness()
    let t = h.task("t")
    let (a, _) = h.socketpair(t, .stream)
    let tag = h.startPoll(t, [(a, .EPOLLIN)], timeoutMs: timeoutMs)
    _ = h.kernel.run { h.result(tag) != nil }
    #expect(h.result(tag)?.value == 0)
    #expect(h.result(tag)?.revents == [[]])
    #expect(h.time(tag) == returnsAt)
  }

  @Test(
    "slack: 0.1 % of the time left, at least timer_slack_ns (50 us), at most MAX_SLACK (100 ms)",
    arguments: [
      (0, 50_000), (1_000_000, 50_000), (50_000_000, 50_000), (100_000_000, 100_000), (second, 1_000_000),
      (100 * second, 100_000_000), (101 * second, 100_000_000), (-5, 50_000),
    ] as [(Nanoseconds, Nanoseconds)])
  func slack(left: Nanoseconds, slack: Nanoseconds) {
    #expect(Harness().kernel.selectEstimateAccuracy(left) == slack)
  }

  @Test("timeout 0 never sleeps and registers nothing")
  func timeoutZero() {
    let h = Harness()
    let t = h.task("t")
    let (a, _) = h.socketpair(t, .stream)
    #expect(h.call(t, .poll(fds: [PollRequest(fd: a, events: .EPOLLIN)], timeoutMs: 0))?.value == 0)
    #expect(!h.events.contains { if case .blocked = $0 { true } else { false } })
    #expect(h.kernel.sock(fd: a)?.sleepQueue.count == 0)
  }

  @Test("the poller sleeps on every polled socket's queue at once; poll_freewait takes it off all of them")
  func sleepsOnAllQueues() {
    let h = Harness()
    let t = h.task("t")
    let peer = h.task("peer")
    let (a, _) = h.socketpair(t, .stream)
    let (c, d) = h.socketpair(t, .stream)
    let tag = h.startPoll(t, [(a, .EPOLLIN), (c, .EPOLLIN)], timeoutMs: -1)
    let blocked = h.events.compactMap { if case .blocked(_, let info, _) = $0 { info } else { nil } }
    #expect(blocked.last?.queues.map(\.inode) == [h.kernel.sock(fd: a)!.inode, h.kernel.sock(fd: c)!.inode])
    #expect(h.kernel.sock(fd: a)?.sleepQueue.count == 1)
    #expect(h.kernel.sock(fd: c)?.sleepQueue.count == 1)
    _ = h.send(peer, d, .bytes([1]))
    #expect(h.result(tag)?.revents == [[], .EPOLLIN])
    #expect(h.kernel.sock(fd: a)?.sleepQueue.count == 0)
    #expect(h.kernel.sock(fd: c)?.sleepQueue.count == 0)
  }

  @Test("pollwake filters by key: a POLLIN poller is not woken by a write-space (EPOLLOUT) wake-up")
  func keyFiltering() {
    let h = Harness()
    let t = h.task("t")
    let reader = h.task("reader")
    let (a, b) = h.socketpair(t, .stream)
    _ = h.send(t, a, .zeros(1 << 20))
    let tag = h.startPoll(t, [(a, .EPOLLIN)], timeoutMs: 30)
    let mark = h.events.count
    #expect(h.recv(reader, b, 1 << 20)?.value == 219_264)
    #expect(!h.wokenSince(mark))
    #expect(h.result(tag) == nil)
    // The same wake-up reaches a poller that asked for POLLOUT.
    _ = h.kernel.run { h.result(tag) != nil }
    _ = h.send(t, a, .zeros(1 << 20))
    let out = h.startPoll(t, [(a, .EPOLLOUT)], timeoutMs: -1)
    _ = h.recv(reader, b, 1 << 20)
    #expect(h.result(out)?.revents == [.EPOLLOUT])
  }

  @Test("sock_wfree holds one byte across unix_write_space: at the boundary poll says POLLOUT, nobody is woken")
  func writeSpaceSeesOneByteMore() {
    let h = Harness()
    let t = h.task("t")
    let reader = h.task("reader")
    let (a, b) = h.socketpair(t, .stream)
    _ = h.call(t, .setIntOption(fd: a, option: .SO_SNDBUF, value: 2562))  // sk_sndbuf 5124
    for _ in 0..<5 { #expect(h.send(t, a, .zeros(500))?.value == 500) }  // truesize 1280 each
    #expect(h.send(t, a, .zeros(500))?.errno == .EAGAIN)
    let watcher = h.task("watcher")
    let tag = h.startPoll(watcher, [(a, .EPOLLOUT)], timeoutMs: 30)
    for _ in 0..<4 { #expect(h.recv(reader, b, 500)?.value == 500) }
    // Charge 1280: (1280 + 1) * 4 <= 5124 for poll, (1280 + 2) * 4 > 5124 for the wake-up.
    #expect(h.revents(t, a, .EPOLLOUT) == .EPOLLOUT)
    #expect(h.result(tag) == nil)
    _ = h.kernel.run { h.result(tag) != nil }
    #expect(h.time(tag) == 30 * ms + 50_000)
    #expect(h.result(tag)?.revents == [.EPOLLOUT])
  }

  @Test("a wake-up that brings no requested event sends the poller back to sleep, same deadline")
  func strayWakeupSleepsAgain() {
    let h = Harness()
    let t = h.task("t")
    let peer = h.task("peer")
    let (a, b) = h.socketpair(t, .stream)
    let tag = h.startPoll(t, [(a, .EPOLLIN)], timeoutMs: 30)
    h.sleep(10 * ms)
    _ = h.call(peer, .shutdown(fd: b, how: SHUT_RD))  // sk_state_change on a: unkeyed
    #expect(h.events.contains { if case .blocked(let r, _, true) = $0 { r.tag == tag } else { false } })
    _ = h.kernel.run { h.result(tag) != nil }
    #expect(h.time(tag) == 30 * ms + 50_000)
    #expect(h.result(tag)?.value == 0)
  }

  @Test("a signal ends the poll with EINTR, never restarted, even with SA_RESTART and no timeout")
  func signalInterrupts() {
    for signal in [Signal.SIGUSR1, .SIGUSR2] {
      let h = Harness()
      let t = h.task("t")
      let main = h.task("main")
      let (a, _) = h.socketpair(t, .stream)
      let tag = h.startPoll(t, [(a, .EPOLLIN)], timeoutMs: -1)
      _ = h.call(main, .kill(task: t, signal: signal))
      #expect(h.result(tag)?.errno == .EINTR)
      #expect(!h.events.contains { if case .restarted = $0 { true } else { false } })
      #expect(h.kernel.sock(fd: a)?.sleepQueue.count == 0)
    }
  }

  @Test("close of a polled descriptor: the poll holds the file, the socket is released when the poll returns")
  func pollHoldsTheFile() {
    let h = Harness()
    let t = h.task("t")
    let closer = h.task("closer")
    let (a, b) = h.socketpair(t, .stream)
    let (c, d) = h.socketpair(t, .stream)
    let tag = h.startPoll(t, [(a, .EPOLLIN), (c, .EPOLLIN)], timeoutMs: -1)
    #expect(h.call(closer, .close(fd: a)).returned == .value(0))
    // The descriptor is gone, the socket is not: its peer sees no close.
    #expect(h.kernel.sock(fd: a) == nil)
    #expect(h.revents(closer, b) == .EPOLLOUT)
    _ = h.send(closer, d, .bytes([1]))
    #expect(h.result(tag)?.value == 2)
    #expect(h.result(tag)?.revents == [.EPOLLNVAL, .EPOLLIN])
    #expect(h.revents(closer, b) == [.EPOLLIN, .EPOLLOUT, .EPOLLHUP, .EPOLLRDHUP])
  }

  @Test("a close with no poll in progress releases at once")
  func closeReleasesAtOnce() {
    let h = Harness()
    let t = h.task("t")
    let (a, b) = h.socketpair(t, .stream)
    #expect(h.revents(t, a) == .EPOLLOUT)  // a finished poll holds nothing
    _ = h.call(t, .close(fd: a))
    #expect(h.revents(t, b) == [.EPOLLIN, .EPOLLOUT, .EPOLLHUP, .EPOLLRDHUP])
  }

  @Test("a poll without a timeout that nothing wakes stays asleep on its queues")
  func foreverStalls() {
    let h = Harness()
    let t = h.task("t")
    let (a, _) = h.socketpair(t, .stream)
    let tag = h.startPoll(t, [(a, .EPOLLIN)], timeoutMs: -1)
    #expect(h.kernel.run { h.result(tag) != nil } == .stalled)
    #expect(h.kernel.sleepingTasks().map(\.queues) == [[h.kernel.sock(fd: a)!.sleepQueue.name]])
  }
}
