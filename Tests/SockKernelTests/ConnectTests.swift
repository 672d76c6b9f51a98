import SockKernel
import SyscallVocabulary
import Testing

@Suite("unix_stream_connect and the backlog")
struct ConnectTests {
  @Test("backlog N admits N+1 (unix_recvq_full is a strict >)", arguments: [0, 1, 2, 5])
  func backlogAdmitsNPlusOne(backlog: Int32) {
    let h = Harness()
    let server = h.task("server")
    _ = h.listener(server, "s.sock", backlog: backlog)
    var admitted = 0
    for i in 0..<Int(backlog) + 3 {
      let t = h.task("c\(i)")
      let fd = h.socket(t)
      _ = h.setSndtimeo(t, fd, -1, 0)
      if h.call(t, .connect(fd: fd, address: .filesystem("s.sock"))).returned == .value(0) {
        admitted += 1
      } else {
        break
      }
    }
    #expect(admitted == Int(backlog) + 1)
  }

  @Test("listen clamps to somaxconn as unsigned: -1 and 5000 become 4096")
  func listenClampsToSomaxconn() {
    for requested: Int32 in [-1, -100, 4096, 5000] {
      let h = Harness()
      let t = h.task("server")
      let fd = h.listener(t, "s.sock", backlog: requested)
      #expect(h.kernel.sock(fd: fd)?.maxAckBacklog == 4096)
    }
    var config = KernelConfig()
    config.somaxconn = 3
    let h = Harness(config: config)
    let fd = h.listener(h.task("server"), "s.sock", backlog: 100)
    #expect(h.kernel.sock(fd: fd)?.maxAckBacklog == 3)
  }

  @Test("the seed: a second connect on a full backlog fails EAGAIN at the timeout, before EISCONN")
  func seedSecondConnect() {
    for (sec, usec, expected) in [(Int64(-1), Int64(0), Nanoseconds(0)), (1, 0, second), (0, 500_000, 500 * ms)] {
      let h = Harness()
      _ = h.listener(h.task("server"), "s.sock", backlog: 0)
      let c = h.task("c1")
      let fd = h.socket(c)
      _ = h.setSndtimeo(c, fd, sec, usec)
      #expect(h.call(c, .connect(fd: fd, address: .filesystem("s.sock"))).returned == .value(0))
      let tag = h.start(c, .connect(fd: fd, address: .filesystem("s.sock")))
      _ = h.kernel.run { h.result(tag) != nil }
      #expect(h.result(tag)?.errno == .EAGAIN)
      #expect(h.time(tag) == expected)
    }
  }

  @Test("sndtimeo 0 (MAX_SCHEDULE_TIMEOUT) sleeps until woken: the kernel stalls")
  func infiniteTimeoutStalls() {
    let h = Harness()
    _ = h.listener(h.task("server"), "s.sock", backlog: 0)
    let c = h.task("c1")
    let fd = h.socket(c)
    _ = h.setSndtimeo(c, fd, 0, 0)
    _ = h.call(c, .connect(fd: fd, address: .filesystem("s.sock")))
    let tag = h.start(c, .connect(fd: fd, address: .filesystem("s.sock")))
    #expect(h.kernel.run { h.result(tag) != nil } == .stalled)
    #expect(h.kernel.sleepingTasks().map(\.task) == [c])
  }

  @Test("EISCONN only when the queue has room; a listener connecting gets EINVAL")
  func ownStateIsCheckedLast() {
    let h = Harness()
    let server = h.task("server")
    let lfd = h.listener(server, "s.sock", backlog: 5)
    let c = h.task("c1")
    let fd = h.socket(c)
    #expect(h.call(c, .connect(fd: fd, address: .filesystem("s.sock"))).returned == .value(0))
    #expect(h.call(c, .connect(fd: fd, address: .filesystem("s.sock")))?.errno == .EISCONN)
    #expect(h.call(c, .connect(fd: fd, address: .filesystem("missing")))?.errno == .ENOENT)
    #expect(h.call(server, .connect(fd: lfd, address: .filesystem("s.sock")))?.errno == .EINVAL)
  }

  @Test("lookup errors: ENOENT, ECONNREFUSED (file, not listening, stale, abstract), EPROTOTYPE")
  func lookupErrors() {
    let h = Harness()
    let t = h.task("t")
    _ = h.call(t, .createFile(path: "file"))
    let bound = h.socket(t)
    _ = h.call(t, .bind(fd: bound, address: .filesystem("bound.sock")))
    let closed = h.listener(t, "stale.sock", backlog: 1)
    _ = h.call(t, .close(fd: closed))
    let dgram = h.socket(t, .dgram)
    _ = h.call(t, .bind(fd: dgram, address: .filesystem("dgram.sock")))
    _ = h.call(t, .bind(fd: h.socket(t, .dgram), address: .abstract(Array("dg".utf8))))
    let shut = h.listener(t, "shut.sock", backlog: 1)
    _ = h.call(t, .shutdown(fd: shut, how: SHUT_RD))
    let cases: [(SockAddrUn, Errno)] = [
      (.filesystem("missing"), .ENOENT), (.filesystem("nodir/x"), .ENOENT), (.filesystem("file/x"), .ENOTDIR),
      (.filesystem("file"), .ECONNREFUSED), (.filesystem("bound.sock"), .ECONNREFUSED),
      (.filesystem("stale.sock"), .ECONNREFUSED), (.abstract(Array("nobody".utf8)), .ECONNREFUSED),
      (.filesystem("dgram.sock"), .EPROTOTYPE), (.abstract(Array("dg".utf8)), .ECONNREFUSED),
      (.filesystem("shut.sock"), .ECONNREFUSED), (SockAddrUn(path: [], length: 2), .EINVAL),
    ]
    for (address, errno) in cases {
      let fd = h.socket(t)
      #expect(h.call(t, .connect(fd: fd, address: address))?.errno == errno, "\(address.display)")
    }
  }

  @Test("a path connected to, then unlinked, is gone; bound again, it is the new socket's")
  func lookupAfterUnlink() {
    let h = Harness()
    let t = h.task("t")
    let first = h.listener(t, "s.sock", backlog: 5)
    let address = SockAddrUn.filesystem("s.sock")
    #expect(h.call(t, .connect(fd: h.socket(t), address: address)).returned == .value(0))
    _ = h.call(t, .unlink(path: "s.sock"))
    #expect(h.call(t, .connect(fd: h.socket(t), address: address))?.errno == .ENOENT)
    let second = h.listener(t, "s.sock", backlog: 5)
    #expect(h.call(t, .connect(fd: h.socket(t), address: address)).returned == .value(0))
    // The connection went to the second listener: the first still holds its one.
    for listener in [first, second] { _ = h.call(t, .setNonBlocking(fd: listener, on: true)) }
    for listener in [first, second] {
      #expect(h.call(t, .accept(fd: listener, flags: 0))?.errno == nil)
      #expect(h.call(t, .accept(fd: listener, flags: 0))?.errno == .EAGAIN)
    }
  }
}
