import SyscallVocabulary
import Testing

@testable import SockKernel

@Suite("poll: the peer_wake relay of a dgram sender connected to a full receiver")
struct PollRelayTests {
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
    // Never hooked, the entry was never made either.
    #expect(sender.peerWakeIfMade == nil)
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
}
