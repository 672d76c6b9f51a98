import SockKernel
import SyscallVocabulary
import Testing

@Suite("SOCK_DGRAM: senders blocked in unix_wait_for_peer on a full receiver")
struct DgramBlockedSenderTests {
  @Test("a blocked sender is woken by the receiver's recv, charged all along, and sends then")
  func blockedSenderWokenByRecv() {
    let (h, r, rfd) = Harness.fullReceiver()
    let (s, sfd) = h.sender("s", sndtimeo: 1, 0)
    #expect(h.send(s, sfd, .bytes([1]), to: "r.sock", flags: []).returned == .value(1))
    let blocked = h.startSend(s, sfd, 2)
    #expect(h.result(blocked) == nil)
    #expect(h.kernel.sock(fd: sfd)?.wmemAlloc == 2 * 768)
    h.sleep(100 * ms)
    #expect(h.recv(r, rfd, 10)?.data == .bytes([1]))
    _ = h.kernel.run { h.result(blocked) != nil }
    #expect(h.result(blocked)?.value == 1)
    #expect(h.time(blocked) == 100 * ms)
  }

  @Test("a blocked sender times out with EAGAIN and its skb is freed")
  func blockedSenderTimesOut() {
    let (h, _, _) = Harness.fullReceiver()
    let (s, sfd) = h.sender("s", sndtimeo: 0, 100_000)
    #expect(h.send(s, sfd, .bytes([1]), to: "r.sock", flags: []).returned == .value(1))
    let blocked = h.startSend(s, sfd, 2)
    _ = h.kernel.run { h.result(blocked) != nil }
    #expect(h.result(blocked)?.errno == .EAGAIN)
    #expect(h.time(blocked) == 100 * ms)
    #expect(h.kernel.sock(fd: sfd)?.wmemAlloc == 768)
  }

  @Test("a recv wakes only the first of two blocked senders")
  func recvWakesOneSender() {
    let (h, r, rfd) = Harness.fullReceiver()
    let (s1, fd1) = h.sender("s1", sndtimeo: 1, 0)
    let (s2, fd2) = h.sender("s2", sndtimeo: 1, 0)
    #expect(h.send(s1, fd1, .bytes([0]), to: "r.sock").returned == .value(1))
    let first = h.startSend(s1, fd1, 1)
    let second = h.startSend(s2, fd2, 2)
    h.sleep(10 * ms)
    let recv = h.start(r, .recv(fd: rfd, length: 10, flags: .MSG_DONTWAIT))
    #expect(h.returned(recv) == .value(1))
    #expect(h.woken(by: recv) == [first])
    h.sleep(10 * ms)
    #expect(h.returned(first) == .value(1))
    #expect(h.returned(second) == .notReturned)
  }

  @Test("closing the receiver wakes every blocked sender: ECONNREFUSED")
  func closeWakesAllSenders() {
    let (h, r, rfd) = Harness.fullReceiver()
    let (s1, fd1) = h.sender("s1", sndtimeo: 0, 0)
    let (s2, fd2) = h.sender("s2", sndtimeo: 0, 0)
    #expect(h.connect(s1, fd1, "r.sock").returned == .value(0))
    #expect(h.send(s1, fd1, .bytes([0])).returned == .value(1))
    let first = h.startSend(s1, fd1, 1, to: nil)
    let second = h.startSend(s2, fd2, 2)
    let close = h.start(r, .close(fd: rfd))
    #expect(h.returned(close) == .value(0))
    #expect(h.woken(by: close) == [first, second])
    _ = h.kernel.run { h.result(first) != nil && h.result(second) != nil }
    #expect(h.result(first)?.errno == .ECONNREFUSED)
    #expect(h.result(second)?.errno == .ECONNREFUSED)
    #expect(h.kernel.sock(fd: fd1)?.wmemAlloc == 0)
  }

  @Test("a signal ends a blocked send: EINTR with a timeout even with SA_RESTART; the skb is freed")
  func signalInterruptsTimedSend() {
    let (h, s, sfd, blocked) = Self.blockedSender(usec: 500_000)
    #expect(h.call(h.task("killer"), .kill(task: s, signal: .SIGUSR2)).returned == .value(0))
    _ = h.kernel.run { h.result(blocked) != nil }
    #expect(h.result(blocked)?.errno == .EINTR)
    #expect(h.kernel.sock(fd: sfd)?.wmemAlloc == 768)
  }

  @Test("without a timeout an SA_RESTART signal restarts the blocked send, which sleeps again")
  func signalRestartsInfiniteSend() {
    let (h, s, sfd, blocked) = Self.blockedSender(usec: 0)
    #expect(h.call(h.task("killer"), .kill(task: s, signal: .SIGUSR2)).returned == .value(0))
    #expect(h.kernel.run { h.result(blocked) != nil } == .stalled)
    #expect(h.events.contains { if case .restarted = $0 { true } else { false } })
    #expect(h.kernel.sock(fd: sfd)?.wmemAlloc == 2 * 768)
  }

  /// A sender blocked on a full receiver (max_dgram_qlen 0) with SO_SNDTIMEO {0, usec}.
  static func blockedSender(usec: Int64) -> (Harness, TaskID, Int32, Int) {
    let (h, _, _) = Harness.fullReceiver()
    let (s, sfd) = h.sender("s", sndtimeo: 0, usec)
    #expect(h.send(s, sfd, .bytes([0]), to: "r.sock").returned == .value(1))
    let blocked = h.startSend(s, sfd, 1)
    #expect(h.result(blocked) == nil)
    return (h, s, sfd, blocked)
  }
}
