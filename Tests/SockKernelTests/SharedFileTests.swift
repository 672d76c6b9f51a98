import SyscallVocabulary
import Testing

@testable import SockKernel

/// Threads share one descriptor table, so one thread can close or shut down a socket
/// another is blocked on; `fdget` decides what the blocked call sees.
@Suite("threads sharing a descriptor: fdget, close and shutdown from another thread")
struct SharedFileTests {
  @Test("close by another thread does not wake a blocked accept; the listener lives on until the accept returns")
  func closeDoesNotWakeAccept() {
    let h = Harness()
    let t1 = h.task("t1")
    let t2 = h.task("t2")
    let lfd = h.listener(t1, "s.sock", backlog: 5)
    let accept = h.start(t1, .accept(fd: lfd, flags: 0))
    #expect(h.call(t2, .close(fd: lfd)).returned == .value(0))
    #expect(h.returned(accept) == .notReturned)
    #expect(h.wakeups.isEmpty)
    // The path still leads to the listener the accept holds.
    let c = h.task("c")
    #expect(h.connect(c, h.socket(c), "s.sock").returned == .value(0))
    #expect(h.returned(accept) == .value(4))
    // The accept's fdput was the last reference: the listener is gone.
    let d = h.task("d")
    #expect(h.connect(d, h.socket(d), "s.sock").returned == .error(.ECONNREFUSED))
  }

  @Test("close by another thread does not wake a blocked recv; the socket is released when the recv returns")
  func closeDoesNotWakeRecv() {
    let h = Harness()
    let t1 = h.task("t1")
    let t2 = h.task("t2")
    let (a, b) = h.socketpair(t1, .stream)
    let recv = h.start(t1, .recv(fd: a, length: 10, flags: []))
    #expect(h.call(t2, .close(fd: a)).returned == .value(0))
    #expect(h.returned(recv) == .notReturned)
    #expect(h.send(t2, b, .bytes(Array("hi".utf8)), flags: []).returned == .value(2))
    #expect(h.returned(recv) == .value(2))
    #expect(h.send(t2, b, .bytes([1]), flags: [.MSG_NOSIGNAL]).returned == .error(.EPIPE))
  }

  @Test("a call that slept uses the file it took, not the descriptor: a closed descriptor is no EBADF for it")
  func heldFileAfterClose() {
    let h = Harness()
    let t1 = h.task("t1")
    let t2 = h.task("t2")
    let (a, b) = h.socketpair(t1, .stream)
    let recv = h.start(t1, .recv(fd: a, length: 10, flags: []))
    _ = h.call(t2, .close(fd: a))
    // Another socket now has the number the recv was called with.
    let other = h.socket(t2)
    #expect(other == a)
    _ = h.send(t2, b, .bytes([7]), flags: [])
    #expect(h.result(recv)?.data == .bytes([7]))
  }

  @Test("shutdown(SHUT_RD) of a listener by another thread releases a blocked accept with EINVAL")
  func shutdownReleasesAccept() {
    let h = Harness()
    let t1 = h.task("t1")
    let t2 = h.task("t2")
    let lfd = h.listener(t1, "s.sock", backlog: 5)
    let accept = h.start(t1, .accept(fd: lfd, flags: 0))
    let shutdown = h.start(t2, .shutdown(fd: lfd, how: SHUT_RD))
    #expect(h.returned(shutdown) == .value(0))
    #expect(h.woken(by: shutdown) == [accept])
    #expect(h.returned(accept) == .error(.EINVAL))
  }

  @Test("two threads in accept: one connect wakes exactly one, the first to sleep")
  func oneConnectWakesOneAccepter() {
    let h = Harness()
    let t1 = h.task("t1")
    let t2 = h.task("t2")
    let lfd = h.listener(t1, "s.sock", backlog: 5)
    let second = h.start(t2, .accept(fd: lfd, flags: 0))
    let first = h.start(t1, .accept(fd: lfd, flags: 0))
    let c = h.task("c")
    let connect = h.start(c, .connect(fd: h.socket(c), address: .filesystem("s.sock")))
    #expect(h.woken(by: connect) == [second])
    #expect(h.returned(second) == .value(4))
    #expect(h.returned(first) == .notReturned)
  }

  @Test("shutdown by another thread wakes a blocked recv, which reads end of file")
  func shutdownWakesRecv() {
    let h = Harness()
    let t1 = h.task("t1")
    let t2 = h.task("t2")
    let (a, _) = h.socketpair(t1, .stream)
    let recv = h.start(t1, .recv(fd: a, length: 10, flags: []))
    let shutdown = h.start(t2, .shutdown(fd: a, how: SHUT_RD))
    #expect(h.woken(by: shutdown) == [recv])
    #expect(h.returned(recv) == .value(0))
  }

  @Test("raising SO_SNDBUF from another thread wakes a blocked writer only once it makes the socket writable")
  func sndbufQuarterRule() {
    let h = Harness()
    let t1 = h.task("t1")
    let t2 = h.task("t2")
    let (a, _) = h.socketpair(t1, .stream)
    _ = h.call(t1, .setIntOption(fd: a, option: .SO_SNDBUF, value: 4608))
    let send = h.start(t1, .send(fd: a, data: .zeros(65536), flags: [], address: nil))
    #expect(h.returned(send) == .notReturned)
    let small = h.start(t2, .setIntOption(fd: a, option: .SO_SNDBUF, value: 8192))
    #expect(h.woken(by: small) == [])
    let large = h.start(t2, .setIntOption(fd: a, option: .SO_SNDBUF, value: 65536))
    #expect(h.woken(by: large) == [send])
  }
}
