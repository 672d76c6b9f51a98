import SyscallVocabulary
import Testing

@testable import SockKernel

/// What the language's `poll` asks for when no event is named.
let pollAll: PollMask = [.EPOLLIN, .EPOLLOUT, .EPOLLRDHUP, .EPOLLPRI]

extension Harness {
  /// `poll` of `fds` (each with the events asked for) that may block; returns its tag.
  func startPoll(_ task: TaskID, _ fds: [(Int32, PollMask)], timeoutMs: Int32) -> Int {
    start(task, .poll(fds: fds.map { PollRequest(fd: $0.0, events: $0.1) }, timeoutMs: timeoutMs))
  }

  /// A non-blocking `poll` of one descriptor: its revents.
  func revents(_ task: TaskID, _ fd: Int32, _ events: PollMask = pollAll) -> PollMask? {
    call(task, .poll(fds: [PollRequest(fd: fd, events: events)], timeoutMs: 0))?.revents?.first
  }

  /// True when some call was woken on a wait queue since `start` events.
  func wokenSince(_ start: Int) -> Bool {
    events[start...].contains { if case .woken = $0 { true } else { false } }
  }
}

/// One row of the revents table (docs/kernel-model.md §10): a socket set up by `make`, polled
/// for IN|OUT|RDHUP|PRI.
struct MaskCase: CustomTestStringConvertible, Sendable {
  let name: String
  let expected: PollMask
  /// Builds the situation; returns the descriptor to poll.
  let make: @Sendable (Harness, TaskID) -> Int32

  var testDescription: String { "\(name): \(expected)" }
}

@Suite("poll: do_sys_poll, unix_poll, unix_dgram_poll, the peer_wake relay")
struct PollTests {
  static let maskCases: [MaskCase] = [
    MaskCase(name: "fresh stream", expected: [.EPOLLOUT, .EPOLLHUP]) { h, t in h.socket(t) },
    MaskCase(name: "fresh seqpacket", expected: [.EPOLLOUT, .EPOLLHUP]) { h, t in h.socket(t, .seqpacket) },
    MaskCase(name: "fresh dgram", expected: .EPOLLOUT) { h, t in h.dgram(t) },
    MaskCase(name: "listener, nothing pending", expected: []) { h, t in h.listener(t, "l.sock", backlog: 1) },
    MaskCase(name: "listener, one pending", expected: .EPOLLIN) { h, t in
      let l = h.listener(t, "l.sock", backlog: 1)
      _ = h.connect(t, h.socket(t), "l.sock")
      return l
    },
    MaskCase(name: "listener after SHUT_RD", expected: [.EPOLLIN, .EPOLLRDHUP]) { h, t in
      let l = h.listener(t, "l.sock", backlog: 1)
      _ = h.call(t, .shutdown(fd: l, how: SHUT_RD))
      return l
    },
    MaskCase(name: "connected", expected: .EPOLLOUT) { h, t in h.socketpair(t, .stream).0 },
    MaskCase(name: "connected, data queued", expected: [.EPOLLIN, .EPOLLOUT]) { h, t in
      let (a, b) = h.socketpair(t, .stream)
      _ = h.send(t, b, .bytes([1]))
      return a
    },
    MaskCase(name: "writer above a quarter of sk_sndbuf", expected: []) { h, t in
      let (a, b) = h.socketpair(t, .stream)
      _ = h.send(t, a, .zeros(1 << 20))
      _ = h.recv(t, b, 36544)  // charge 185600 < sk_sndbuf, still above a quarter
      return a
    },
    MaskCase(name: "own SHUT_WR", expected: .EPOLLOUT) { h, t in
      let (a, _) = h.socketpair(t, .stream)
      _ = h.call(t, .shutdown(fd: a, how: SHUT_WR))
      return a
    },
    MaskCase(name: "peer's SHUT_WR", expected: [.EPOLLIN, .EPOLLOUT, .EPOLLRDHUP]) { h, t in
      let (a, b) = h.socketpair(t, .stream)
      _ = h.call(t, .shutdown(fd: b, how: SHUT_WR))
      return a
    },
    MaskCase(name: "own SHUT_RDWR", expected: [.EPOLLIN, .EPOLLOUT, .EPOLLHUP, .EPOLLRDHUP]) { h, t in
      let (a, _) = h.socketpair(t, .stream)
      _ = h.call(t, .shutdown(fd: a, how: SHUT_RDWR))
      return a
    },
    MaskCase(name: "peer closed, nothing unread", expected: [.EPOLLIN, .EPOLLOUT, .EPOLLHUP, .EPOLLRDHUP]) { h, t in
      let (a, b) = h.socketpair(t, .seqpacket)
      _ = h.call(t, .close(fd: b))
      return a
    },
    MaskCase(
      name: "peer closed with unread data", expected: [.EPOLLIN, .EPOLLOUT, .EPOLLERR, .EPOLLHUP, .EPOLLRDHUP]
    ) { h, t in
      let (a, b) = h.socketpair(t, .stream)
      _ = h.send(t, a, .bytes([1]))
      _ = h.call(t, .close(fd: b))
      return a
    },
    MaskCase(name: "dgram after SHUT_RDWR", expected: [.EPOLLIN, .EPOLLOUT, .EPOLLHUP, .EPOLLRDHUP]) { h, t in
      let (a, _) = h.socketpair(t, .dgram)
      _ = h.call(t, .shutdown(fd: a, how: SHUT_RDWR))
      return a
    },
    MaskCase(name: "dgram connected to a full receiver", expected: []) { h, t in
      _ = h.dgram(t, bound: "r.sock")
      let s = h.dgram(t)
      _ = h.connect(t, s, "r.sock")
      _ = h.fill(t, s)
      return s
    },
    MaskCase(name: "dgram sending by address to a full receiver", expected: .EPOLLOUT) { h, t in
      _ = h.dgram(t, bound: "r.sock")
      let s = h.dgram(t)
      _ = h.fill(t, s, to: "r.sock")
      return s
    },
  ]

  @Test("each socket state reports the events of the kernel's matrix", arguments: maskCases)
  func revents(_ row: MaskCase) {
    let h = Harness()
    let t = h.task("t")
    let fd = row.make(h, t)
    #expect(h.revents(t, fd) == row.expected)
  }

  @Test("revents are what was asked for, plus POLLERR and POLLHUP unasked; RDNORM/WRNORM only when asked")
  func reventsAreFiltered() {
    let h = Harness()
    let t = h.task("t")
    let fresh = h.socket(t)
    #expect(h.revents(t, fresh, .EPOLLIN) == .EPOLLHUP)
    let (a, b) = h.socketpair(t, .stream)
    _ = h.send(t, b, .bytes([1]))
    #expect(h.revents(t, a, .EPOLLOUT) == .EPOLLOUT)
    #expect(h.revents(t, a, [.EPOLLIN, .EPOLLRDNORM, .EPOLLWRNORM]) == [.EPOLLIN, .EPOLLRDNORM, .EPOLLWRNORM])
  }

  @Test("a descriptor that is not open is POLLNVAL and counts; a negative one is skipped")
  func nvalAndNegative() {
    let h = Harness()
    let t = h.task("t")
    let a = h.socket(t)
    let outcome = h.call(
      t, .poll(fds: [PollRequest(fd: 99, events: .EPOLLIN), PollRequest(fd: -1, events: .EPOLLIN)], timeoutMs: 0))
    #expect(outcome?.value == 1)
    #expect(outcome?.revents == [.EPOLLNVAL, []])
    #expect(h.revents(t, a, .EPOLLIN) == .EPOLLHUP)
  }

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

  /// A sender `s` connected to a receiver `r` (max_dgram_qlen 0) whose queue is full.
  func fullPeer() -> (h: Harness, r: TaskID, rfd: Int32, s: TaskID, sfd: Int32) {
    let (h, r, rfd) = Harness.fullReceiver()
    let s = h.task("s")
    let sfd = h.dgram(s)
    _ = h.connect(s, sfd, "r.sock")
    // max_dgram_qlen 0 admits one: the queue is full, and no send has failed yet.
    #expect(h.send(s, sfd, .bytes([1]))?.value == 1)
    return (h, r, rfd, s, sfd)
  }

  @Test(
    "dgram: a POLLOUT poller of a sender connected to a full receiver hooks the relay; the receiver's read wakes it")
  func relayWokenByRecv() {
    let (h, r, rfd, s, sfd) = fullPeer()
    let sender = h.kernel.sock(fd: sfd)!
    let receiver = h.kernel.sock(fd: rfd)!
    let tag = h.startPoll(s, [(sfd, .EPOLLOUT)], timeoutMs: -1)
    #expect(h.result(tag) == nil)
    #expect(sender.peerWakePrivate === receiver)
    #expect(receiver.peerWait.entries.contains { $0 === sender.peerWake })
    _ = h.recv(r, rfd, 10)
    #expect(h.result(tag)?.revents == [.EPOLLOUT])
    // The relay unhooks itself after one wake-up.
    #expect(sender.peerWakePrivate == nil)
    #expect(receiver.peerWait.count == 0)
  }

  @Test("dgram: the relay is not hooked when POLLOUT was not asked for, nor when the receiver has room")
  func relayOnlyWhenNeeded() {
    let (h, r, rfd, s, sfd) = fullPeer()
    let sender = h.kernel.sock(fd: sfd)!
    #expect(h.revents(s, sfd, .EPOLLIN) == [])
    #expect(sender.peerWakePrivate == nil)
    _ = h.recv(r, rfd, 10)
    #expect(h.revents(s, sfd) == .EPOLLOUT)
    #expect(sender.peerWakePrivate == nil)
  }

  @Test("dgram: a failed non-blocking send to a full peer hooks the relay too (unix_dgram_peer_wake_me)")
  func relayHookedBySend() {
    let (h, _, rfd, s, sfd) = fullPeer()
    #expect(h.send(s, sfd, .bytes([2]))?.errno == .EAGAIN)
    #expect(h.kernel.sock(fd: sfd)?.peerWakePrivate === h.kernel.sock(fd: rfd))
  }

  @Test("dgram: the receiver's close wakes the poller through the relay; a dead peer counts as writable")
  func relayWokenByReceiverClose() {
    let (h, r, rfd, s, sfd) = fullPeer()
    let tag = h.startPoll(s, [(sfd, .EPOLLOUT)], timeoutMs: -1)
    _ = h.call(r, .close(fd: rfd))
    #expect(h.result(tag)?.revents == [.EPOLLOUT])
    #expect(h.kernel.sock(fd: sfd)?.peerWakePrivate == nil)
    #expect(h.send(s, sfd, .bytes([2]))?.errno == .ECONNREFUSED)
  }

  @Test("dgram: reconnecting the sender unhooks the relay and wakes its pollers with EPOLLOUT")
  func reconnectUnhooksRelay() {
    let (h, r, rfd, s, sfd) = fullPeer()
    _ = h.dgram(r, bound: "r2.sock")
    let watcher = h.task("watcher")
    let tag = h.startPoll(watcher, [(sfd, .EPOLLOUT)], timeoutMs: -1)
    #expect(h.kernel.sock(fd: rfd)?.peerWait.count == 1)
    _ = h.connect(s, sfd, "r2.sock")
    #expect(h.kernel.sock(fd: rfd)?.peerWait.count == 0)
    #expect(h.result(tag)?.revents == [.EPOLLOUT])
  }

  @Test("dgram: closing the sender unhooks its relay from the receiver")
  func senderCloseUnhooksRelay() {
    let (h, _, rfd, s, sfd) = fullPeer()
    #expect(h.revents(s, sfd) == [])
    #expect(h.kernel.sock(fd: rfd)?.peerWait.count == 1)
    _ = h.call(s, .close(fd: sfd))
    #expect(h.kernel.sock(fd: rfd)?.peerWait.count == 0)
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
