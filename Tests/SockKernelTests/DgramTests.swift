import SockKernel
import SyscallVocabulary
import Testing

@Suite("SOCK_DGRAM: unix_dgram_sendmsg, __unix_dgram_recvmsg, unix_dgram_connect")
struct DgramTests {
  @Test("a bound receiver admits max_dgram_qlen + 1 datagrams (unix_recvq_full is a strict >)", arguments: [0, 1, 10])
  func queueLimitIsStrict(qlen: Int32) {
    var config = KernelConfig()
    config.maxDgramQlen = qlen
    let h = Harness(config: config)
    let r = h.task("r")
    _ = h.dgram(r, bound: "r.sock")
    let s = h.task("s")
    let fd = h.dgram(s)
    #expect(h.fill(s, fd, to: "r.sock") == Int(qlen) + 1)
    #expect(h.send(s, fd, .zeros(1), to: "r.sock")?.errno == .EAGAIN)
  }

  @Test("max_dgram_qlen is copied at creation; a negative one is a huge u32 (no limit)")
  func qlenCopiedAtCreation() {
    let h = Harness()
    let r = h.task("r")
    _ = h.dgram(r, bound: "old.sock")
    #expect(h.call(r, .sysctl(.maxDgramQlen, value: -1)).returned == .value(0))
    _ = h.dgram(r, bound: "new.sock")
    let s = h.task("s")
    let fd = h.dgram(s)
    #expect(h.fill(s, fd, to: "old.sock") == 11)
    #expect(h.fill(s, fd, to: "new.sock", limit: 50) == 50)
  }

  @Test("EMSGSIZE at sk_sndbuf - 32, checked before the destination (ENOTCONN)")
  func emsgsizeBeforeEnotconn() {
    let h = Harness()
    let t = h.task("t")
    let fd = h.dgram(t)
    #expect(h.send(t, fd, .zeros(212_961))?.errno == .EMSGSIZE)
    #expect(h.send(t, fd, .zeros(212_960))?.errno == .ENOTCONN)
    #expect(h.call(t, .setIntOption(fd: fd, option: .SO_SNDBUF, value: 0)).returned == .value(0))
    #expect(h.send(t, fd, .zeros(4577))?.errno == .EMSGSIZE)
    #expect(h.send(t, fd, .zeros(4576))?.errno == .ENOTCONN)
  }

  @Test(
    "a datagram is charged its measured truesize to the sender until it is read",
    arguments: [(0, 768), (1, 768), (1000, 2304), (3776, 4352), (3777, 8448), (16065, 20736), (100_000, 102_656)])
  func chargeUntilRead(length: Int, truesize: Int) {
    let h = Harness()
    let t = h.task("t")
    let (a, b) = h.socketpair(t, .dgram)
    do {
      #expect(h.send(t, a, .zeros(length))?.value == Int64(length))
      #expect(h.kernel.sock(fd: a)?.wmemAlloc == truesize)
      #expect(h.recv(t, b, 1, flags: [.MSG_DONTWAIT, .MSG_PEEK])?.value == min(1, Int64(length)))
      #expect(h.kernel.sock(fd: a)?.wmemAlloc == truesize)
      #expect(h.recv(t, b, 1).returned == .value(min(1, Int64(length))))
      #expect(h.kernel.sock(fd: a)?.wmemAlloc == 0)
    }
  }

  @Test("socketpair(SOCK_DGRAM) is never queue-limited: 278 one-byte datagrams fill the send buffer")
  func socketpairExempt() {
    let h = Harness()
    let t = h.task("t")
    let (a, _) = h.socketpair(t, .dgram)
    #expect(h.fill(t, a) == 278)
    #expect(h.kernel.sock(fd: a)?.wmemAlloc == 278 * 768)
  }

  @Test("sending to oneself is never queue-limited")
  func selfSendExempt() {
    var config = KernelConfig()
    config.maxDgramQlen = 0
    let h = Harness(config: config)
    let t = h.task("t")
    let me = h.dgram(t, bound: "me.sock")
    #expect(h.fill(t, me, to: "me.sock") == 278)
  }

  @Test("a one-way connection is limited; connecting back lifts the limit")
  func connectedBackExempt() {
    var config = KernelConfig()
    config.maxDgramQlen = 0
    let h = Harness(config: config)
    let r = h.task("r")
    let rfd = h.dgram(r, bound: "r.sock")
    let s = h.task("s")
    let sfd = h.dgram(s, bound: "s.sock")
    #expect(h.connect(s, sfd, "r.sock").returned == .value(0))
    #expect(h.fill(s, sfd) == 1)
    #expect(h.connect(r, rfd, "s.sock").returned == .value(0))
    #expect(h.fill(s, sfd, limit: 20) == 20)
  }

  @Test("a closed peer: ECONNREFUSED (own queue purged, disconnected), then ENOTCONN")
  func deadPeer() {
    let h = Harness()
    let a = h.task("a")
    let afd = h.dgram(a, bound: "a.sock")
    let b = h.task("b")
    let bfd = h.dgram(b, bound: "b.sock")
    #expect(h.connect(a, afd, "b.sock").returned == .value(0))
    #expect(h.send(b, bfd, .bytes([1]), to: "a.sock").returned == .value(1))
    #expect(h.call(b, .close(fd: bfd)).returned == .value(0))
    #expect(h.kernel.sock(fd: afd)?.receiveQueueLength == 1)
    #expect(h.send(a, afd, .bytes([2]))?.errno == .ECONNREFUSED)
    #expect(h.kernel.sock(fd: afd)?.receiveQueueLength == 0)
    #expect(h.kernel.sock(fd: afd)?.peer == nil)
    #expect(h.kernel.sock(fd: afd)?.state == .TCP_CLOSE)
    #expect(h.send(a, afd, .bytes([3]))?.errno == .ENOTCONN)
  }

  @Test("EPERM: a receiver connected elsewhere refuses connect and send")
  func eperm() {
    let h = Harness()
    let r = h.task("r")
    let rfd = h.dgram(r, bound: "r.sock")
    _ = h.dgram(r, bound: "friend.sock")
    #expect(h.connect(r, rfd, "friend.sock").returned == .value(0))
    let s = h.task("s")
    let sfd = h.dgram(s)
    #expect(h.send(s, sfd, .bytes([1]), to: "r.sock")?.errno == .EPERM)
    #expect(h.connect(s, sfd, "r.sock")?.errno == .EPERM)
  }

  @Test("changing the peer purges our queue and leaves ECONNRESET on an old peer connected back")
  func reconnectPurgesAndResets() {
    let h = Harness()
    let a = h.task("a")
    let afd = h.dgram(a, bound: "a.sock")
    let b = h.task("b")
    let bfd = h.dgram(b, bound: "b.sock")
    _ = h.dgram(b, bound: "c.sock")
    #expect(h.connect(a, afd, "b.sock").returned == .value(0))
    #expect(h.connect(b, bfd, "a.sock").returned == .value(0))
    #expect(h.send(b, bfd, .bytes([1])).returned == .value(1))
    #expect(h.kernel.sock(fd: bfd)?.wmemAlloc == 768)
    #expect(h.connect(a, afd, "c.sock").returned == .value(0))
    #expect(h.kernel.sock(fd: afd)?.receiveQueueLength == 0)
    #expect(h.kernel.sock(fd: bfd)?.wmemAlloc == 0)
    #expect(h.kernel.sock(fd: bfd)?.pendingError == .ECONNRESET)
    #expect(h.send(b, bfd, .bytes([2]))?.errno == .ECONNRESET)
    #expect(h.send(b, bfd, .bytes([2]))?.errno == .EPERM)
  }

  @Test("connect: addrlen < 2 is EINVAL; AF_UNSPEC disconnects even an unconnected socket")
  func connectEdges() {
    let h = Harness()
    let t = h.task("t")
    let fd = h.dgram(t)
    #expect(h.call(t, .connect(fd: fd, address: SockAddrUn(family: 0, path: [], length: 1)))?.errno == .EINVAL)
    #expect(h.disconnect(t, fd).returned == .value(0))
    #expect(h.connect(t, fd, "missing")?.errno == .ENOENT)
    #expect(
      h.call(t, .connect(fd: fd, address: SockAddrUn(family: 2, path: Array("x\0".utf8), length: 4)))?.errno
        == .EINVAL)
  }

  @Test("a short buffer truncates and discards; MSG_TRUNC returns the full length")
  func truncation() {
    let h = Harness()
    let t = h.task("t")
    let (a, b) = h.socketpair(t, .dgram)
    _ = h.send(t, a, .bytes(Array("hello".utf8)))
    _ = h.send(t, a, .bytes(Array("world".utf8)))
    _ = h.send(t, a, .bytes(Array("again".utf8)))
    let first = h.recv(t, b, 3)
    #expect(first?.value == 3)
    #expect(first?.data == .bytes(Array("hel".utf8)))
    let second = h.recv(t, b, 2, flags: [.MSG_DONTWAIT, .MSG_TRUNC])
    #expect(second?.value == 5)
    #expect(second?.data == .bytes(Array("wo".utf8)))
    #expect(h.recv(t, b, 100)?.data == .bytes(Array("again".utf8)))
  }

  @Test("MSG_PEEK leaves the datagram queued")
  func peek() {
    let h = Harness()
    let t = h.task("t")
    let (a, b) = h.socketpair(t, .dgram)
    _ = h.send(t, a, .bytes(Array("abc".utf8)))
    #expect(h.recv(t, b, 10, flags: [.MSG_DONTWAIT, .MSG_PEEK])?.data == .bytes(Array("abc".utf8)))
    #expect(h.kernel.sock(fd: b)?.receiveQueueLength == 1)
    #expect(h.recv(t, b, 10)?.data == .bytes(Array("abc".utf8)))
    #expect(h.kernel.sock(fd: b)?.receiveQueueLength == 0)
  }

  @Test("the sender's address is read when the datagram is received")
  func senderAddressAtReceive() {
    let h = Harness()
    let r = h.task("r")
    let rfd = h.dgram(r, bound: "r.sock")
    let s = h.task("s")
    let sfd = h.dgram(s)
    _ = h.send(s, sfd, .bytes([1]), to: "r.sock")
    _ = h.send(s, sfd, .bytes([2]), to: "r.sock")
    #expect(h.recv(r, rfd, 10)?.sender == nil)
    #expect(h.call(s, .bind(fd: sfd, address: .filesystem("s.sock"))).returned == .value(0))
    #expect(h.recv(r, rfd, 10)?.sender?.display == "\"s.sock\"")
  }

  @Test("RCV_SHUTDOWN: senders get EPIPE without SIGPIPE; blocking recv 0, non-blocking EAGAIN")
  func receiverShutdown() {
    let h = Harness()
    let r = h.task("r")
    let rfd = h.dgram(r, bound: "r.sock")
    let s = h.task("s")
    let sfd = h.dgram(s)
    #expect(h.call(r, .shutdown(fd: rfd, how: SHUT_RD)).returned == .value(0))
    let refused = h.send(s, sfd, .bytes([1]), to: "r.sock", flags: [])
    #expect(refused?.errno == .EPIPE)
    #expect(refused?.raised == nil)
    #expect(h.recv(r, rfd, 10, flags: [])?.value == 0)
    #expect(h.recv(r, rfd, 10)?.errno == .EAGAIN)
  }

  @Test("own SHUT_WR: EPIPE without SIGPIPE, from sock_alloc_send_pskb (before ENOTCONN)")
  func ownShutdownWrite() {
    let h = Harness()
    let t = h.task("t")
    let fd = h.dgram(t)
    #expect(h.call(t, .shutdown(fd: fd, how: SHUT_WR)).returned == .value(0))
    let outcome = h.send(t, fd, .bytes([1]), flags: [])
    #expect(outcome?.errno == .EPIPE)
    #expect(outcome?.raised == nil)
  }
}
