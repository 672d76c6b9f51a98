import SyscallVocabulary
import Testing

@testable import SockKernel

/// SO_PEERCRED: who the peer was when the connection was made.
@Suite("SO_PEERCRED: init_peercred, update_peercred, copy_peercred")
struct PeercredTests {
  func cred(_ h: Harness, _ task: TaskID, _ fd: Int32) -> PeerCred? {
    h.call(task, .getPeerCred(fd: fd))?.peerCred
  }

  @Test("a socket never connected has none: pid 0, ids -1; so has a datagram socket after connect")
  func unset() {
    let h = Harness()
    let p = h.task("p")
    #expect(cred(h, p, h.socket(p)) == .unset)
    let server = h.dgram(p, bound: "d.sock")
    let client = h.dgram(p)
    _ = h.connect(p, client, "d.sock")
    #expect(cred(h, p, client) == .unset)
    #expect(cred(h, p, server) == .unset)
  }

  @Test("listen sets the listener's own; the client copies it; the accepted end has the connecting process's")
  func connectCopiesTheListeners() {
    let h = Harness()
    let p = h.task("p")
    let lfd = h.listener(p, "s.sock", backlog: 5)
    #expect(cred(h, p, lfd) == PeerCred(pid: 1, uid: 0, gid: 0))
    let child = h.call(p, .fork)!.child!
    _ = h.call(child, .setgid(50))
    _ = h.call(child, .setuid(1000))
    let c = h.socket(child)
    #expect(h.connect(child, c, "s.sock").returned == .value(0))
    #expect(cred(h, child, c) == PeerCred(pid: 1, uid: 0, gid: 0))
    let a = Int32(h.call(p, .accept(fd: lfd, flags: 0))!.value)
    #expect(cred(h, p, a) == PeerCred(pid: 2, uid: 1000, gid: 50))
  }

  @Test("a later listen by another process replaces the listener's credentials for later clients")
  func relistenUpdates() {
    let h = Harness()
    let p = h.task("p")
    let lfd = h.listener(p, "s.sock", backlog: 5)
    let early = h.socket(p)
    _ = h.connect(p, early, "s.sock")
    let child = h.call(p, .fork)!.child!
    _ = h.call(child, .setuid(1000))
    #expect(h.call(child, .listen(fd: lfd, backlog: 5)).returned == .value(0))
    let late = h.socket(p)
    _ = h.connect(p, late, "s.sock")
    #expect(cred(h, p, early)?.pid == 1)
    #expect(cred(h, p, late) == PeerCred(pid: 2, uid: 1000, gid: 0))
  }

  @Test("both ends of a socketpair have their maker's")
  func socketpair() {
    let h = Harness()
    let p = h.task("p")
    let child = h.call(p, .fork)!.child!
    let (a, b) = h.socketpair(child, .stream)
    #expect(cred(h, child, a) == PeerCred(pid: 2, uid: 0, gid: 0))
    #expect(cred(h, child, b) == PeerCred(pid: 2, uid: 0, gid: 0))
  }
}
