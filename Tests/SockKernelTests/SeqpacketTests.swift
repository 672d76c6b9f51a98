import SockKernel
import SyscallVocabulary
import Testing

@Suite("SOCK_SEQPACKET: unix_seqpacket_sendmsg and unix_seqpacket_recvmsg")
struct SeqpacketTests {
  @Test("unconnected and listening sockets: ENOTCONN for send and recv")
  func enotconn() {
    let h = Harness()
    let t = h.task("t")
    let fd = h.socket(t, .seqpacket)
    #expect(h.send(t, fd, .bytes([1]))?.errno == .ENOTCONN)
    #expect(h.recv(t, fd, 10)?.errno == .ENOTCONN)
    _ = h.call(t, .bind(fd: fd, address: .filesystem("l.sock")))
    _ = h.call(t, .listen(fd: fd, backlog: 1))
    #expect(h.send(t, fd, .bytes([1]), to: "l.sock")?.errno == .ENOTCONN)
    #expect(h.recv(t, fd, 10)?.errno == .ENOTCONN)
  }

  @Test("message boundaries are kept; a destination address is ignored")
  func boundariesAndAddressIgnored() {
    let h = Harness()
    let t = h.task("t")
    let (a, b) = h.socketpair(t, .seqpacket)
    #expect(h.send(t, a, .bytes(Array("one".utf8)), to: "nowhere")?.value == 3)
    #expect(h.send(t, a, .bytes(Array("two".utf8)))?.value == 3)
    #expect(h.recv(t, b, 100)?.data == .bytes(Array("one".utf8)))
    #expect(h.recv(t, b, 100)?.data == .bytes(Array("two".utf8)))
  }

  @Test("peer closed with our data unread: ECONNRESET first, then the queued messages, then 0")
  func econnresetFirst() {
    let h = Harness()
    let t = h.task("t")
    let (a, b) = h.socketpair(t, .seqpacket)
    _ = h.send(t, a, .bytes([1]))
    _ = h.send(t, b, .bytes([2]))
    #expect(h.call(t, .close(fd: b)).returned == .value(0))
    #expect(h.recv(t, a, 10)?.errno == .ECONNRESET)
    #expect(h.recv(t, a, 10)?.data == .bytes([2]))
    #expect(h.recv(t, a, 10)?.value == 0)
    #expect(h.recv(t, a, 10, flags: [])?.value == 0)
  }

  @Test("send after the peer closed with our data unread: ECONNRESET (consumed), then EPIPE, never SIGPIPE")
  func sendAfterPeerClose() {
    let h = Harness()
    let t = h.task("t")
    let (a, b) = h.socketpair(t, .seqpacket)
    _ = h.send(t, a, .bytes([1]))
    #expect(h.call(t, .close(fd: b)).returned == .value(0))
    #expect(h.send(t, a, .bytes([1]))?.errno == .ECONNRESET)
    let second = h.send(t, a, .bytes([1]), flags: [])
    #expect(second?.errno == .EPIPE)
    #expect(second?.raised == nil)
  }

  @Test("a non-blocking recv on an empty queue with RCV_SHUTDOWN is EOF for seqpacket, EAGAIN for dgram")
  func nonBlockingEOF() {
    let h = Harness()
    let t = h.task("t")
    let (a, b) = h.socketpair(t, .seqpacket)
    #expect(h.recv(t, a, 10)?.errno == .EAGAIN)
    #expect(h.call(t, .shutdown(fd: b, how: SHUT_WR)).returned == .value(0))
    #expect(h.recv(t, a, 10)?.value == 0)
    let (c, d) = h.socketpair(t, .dgram)
    #expect(h.call(t, .shutdown(fd: c, how: SHUT_RD)).returned == .value(0))
    #expect(h.recv(t, c, 10)?.errno == .EAGAIN)
    #expect(h.recv(t, c, 10, flags: [])?.value == 0)
    _ = d
  }

  @Test("never queue-limited: both ends are each other's peer")
  func noQueueLimit() {
    var config = KernelConfig()
    config.maxDgramQlen = 0
    let h = Harness(config: config)
    let t = h.task("t")
    let (a, _) = h.socketpair(t, .seqpacket)
    #expect(h.fill(t, a) == 278)
  }

  @Test("messages a client sends before accept wait in the embryo and come from nobody")
  func sendBeforeAccept() {
    let h = Harness()
    let server = h.task("server")
    let lfd = h.socket(server, .seqpacket)
    _ = h.call(server, .bind(fd: lfd, address: .filesystem("s.sock")))
    _ = h.call(server, .listen(fd: lfd, backlog: 1))
    let c = h.task("c")
    let cfd = h.socket(c, .seqpacket)
    #expect(h.connect(c, cfd, "s.sock").returned == .value(0))
    #expect(h.send(c, cfd, .bytes(Array("early".utf8)))?.value == 5)
    let sfd = Int32(h.call(server, .accept(fd: lfd, flags: 0))!.value)
    let got = h.recv(server, sfd, 10)
    #expect(got?.data == .bytes(Array("early".utf8)))
    #expect(got?.sender == nil)
    _ = h.send(server, sfd, .bytes([1]))
    #expect(h.recv(c, cfd, 10)?.sender?.display == "\"s.sock\"")
  }
}
