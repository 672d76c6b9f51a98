import SockKernel
import SyscallVocabulary
import Testing

@Suite("sock_set_timeout, sock_get_timeout, unix_bind, unix_listen, unix_shutdown")
struct SockoptAndBindTests {
  struct RoundTrip: CustomTestStringConvertible, Sendable {
    let set: (Int64, Int64)
    let read: (Int64, Int64)
    var testDescription: String { "{\(set.0), \(set.1)} reads back {\(read.0), \(read.1)}" }
  }

  @Test(
    "SO_SNDTIMEO round trips at HZ 250 (measured on Linux 6.18)",
    arguments: [
      RoundTrip(set: (0, 1), read: (0, 4000)), RoundTrip(set: (0, 3999), read: (0, 4000)),
      RoundTrip(set: (0, 4000), read: (0, 4000)), RoundTrip(set: (0, 4001), read: (0, 8000)),
      RoundTrip(set: (0, 999_999), read: (1, 0)), RoundTrip(set: (1, 1), read: (1, 4000)),
      RoundTrip(set: (0, 0), read: (0, 0)), RoundTrip(set: (-1, 0), read: (0, 0)),
      RoundTrip(set: (-5, 999_999), read: (0, 0)), RoundTrip(set: (2_147_483_647, 0), read: (2_147_483_647, 0)),
      RoundTrip(set: (36_893_488_147_419_101, 0), read: (36_893_488_147_419_101, 0)),
      RoundTrip(set: (36_893_488_147_419_102, 0), read: (0, 0)),
    ])
  func roundTrip(_ c: RoundTrip) {
    let h = Harness()
    let t = h.task("t")
    let fd = h.socket(t)
    #expect(h.setSndtimeo(t, fd, c.set.0, c.set.1).returned == .value(0))
    let tv = h.call(t, .getTimeout(fd: fd, option: .SO_SNDTIMEO))?.timeval
    #expect(tv == Timeval(seconds: c.read.0, microseconds: c.read.1))
  }

  @Test("negative seconds store 0 (never wait) while {0,0} stores MAX_SCHEDULE_TIMEOUT")
  func negativeIsZeroNotInfinite() {
    let h = Harness()
    let t = h.task("t")
    let fd = h.socket(t)
    _ = h.setSndtimeo(t, fd, -1, 0)
    #expect(h.kernel.sock(fd: fd)?.sndtimeo == 0)
    _ = h.setSndtimeo(t, fd, 0, 0)
    #expect(h.kernel.sock(fd: fd)?.sndtimeo == MAX_SCHEDULE_TIMEOUT)
  }

  @Test("the negative-timeout log line is printed at most 10 times")
  func negativeTimeoutWarningIsRateLimited() {
    let h = Harness()
    let t = h.task("t")
    let fd = h.socket(t)
    for _ in 0..<12 { _ = h.setSndtimeo(t, fd, -1, 0) }
    #expect(h.events.filter { if case .log = $0 { true } else { false } }.count == 10)
  }

  @Test("EDOM for tv_usec outside [0, 1e6) (checked before the sign); EINVAL for short optlen")
  func setErrors() {
    let h = Harness()
    let t = h.task("t")
    let fd = h.socket(t)
    _ = h.setSndtimeo(t, fd, 7, 0)
    for (sec, usec) in [(Int64(0), Int64(-1)), (0, 1_000_000), (-1, -1)] {
      #expect(h.setSndtimeo(t, fd, sec, usec).errno == .EDOM)
    }
    for optlen: Int32 in [-1, 0, 4, 8, 15] {
      let r = h.call(
        t, .setTimeout(fd: fd, option: .SO_SNDTIMEO, value: Timeval(seconds: 1, microseconds: 0), optlen: optlen))
      #expect(r?.errno == .EINVAL, "optlen \(optlen)")
    }
    #expect(h.call(t, .getTimeout(fd: fd, option: .SO_SNDTIMEO))?.timeval == Timeval(seconds: 7, microseconds: 0))
    let ok = h.call(
      t, .setTimeout(fd: fd, option: .SO_SNDTIMEO, value: Timeval(seconds: 1, microseconds: 0), optlen: 24))
    #expect(ok.returned == .value(0))
  }

  @Test("microseconds round up to whole jiffies at HZ 1000 too")
  func otherHz() {
    let h = Harness(config: KernelConfig(hz: 1000))
    let t = h.task("t")
    let fd = h.socket(t)
    _ = h.setSndtimeo(t, fd, 0, 1)
    #expect(h.call(t, .getTimeout(fd: fd, option: .SO_SNDTIMEO))?.timeval == Timeval(seconds: 0, microseconds: 1000))
  }

  @Test("bind: EADDRINUSE for an existing path even when already bound; EINVAL for a new one")
  func bindErrors() {
    let h = Harness()
    let t = h.task("t")
    let a = h.socket(t)
    #expect(h.call(t, .bind(fd: a, address: .filesystem("a.sock"))).returned == .value(0))
    #expect(h.call(t, .bind(fd: h.socket(t), address: .filesystem("a.sock")))?.errno == .EADDRINUSE)
    #expect(h.call(t, .bind(fd: a, address: .filesystem("new.sock")))?.errno == .EINVAL)
    // The failed bind removed the inode it created.
    #expect(h.call(t, .bind(fd: h.socket(t), address: .filesystem("new.sock"))).returned == .value(0))
    #expect(h.call(t, .bind(fd: a, address: .filesystem("a.sock")))?.errno == .EADDRINUSE)
    #expect(h.call(t, .bind(fd: a, address: .abstract([0x61])))?.errno == .EINVAL)
    let s1 = h.socket(t)
    #expect(h.call(t, .bind(fd: s1, address: .abstract(Array("n".utf8)))).returned == .value(0))
    #expect(h.call(t, .bind(fd: h.socket(t), address: .abstract(Array("n".utf8))))?.errno == .EADDRINUSE)
    #expect(h.call(t, .bind(fd: h.socket(t, .dgram), address: .abstract(Array("n".utf8)))).returned == .value(0))
    #expect(h.call(t, .bind(fd: h.socket(t), address: .filesystem("nodir/x")))?.errno == .ENOENT)
    #expect(h.call(t, .bind(fd: h.socket(t), address: SockAddrUn(path: [0x61], length: 111)))?.errno == .EINVAL)
  }

  @Test("listen: EINVAL unbound or connected, EOPNOTSUPP for SOCK_DGRAM")
  func listenErrors() {
    let h = Harness()
    let t = h.task("t")
    #expect(h.call(t, .listen(fd: h.socket(t), backlog: 5))?.errno == .EINVAL)
    let lfd = h.listener(t, "s.sock", backlog: 5)
    let c = h.socket(t)
    _ = h.call(t, .connect(fd: c, address: .filesystem("s.sock")))
    #expect(h.call(t, .listen(fd: c, backlog: 5))?.errno == .EINVAL)
    let accepted = Int32(h.call(t, .accept(fd: lfd, flags: 0))!.value)
    #expect(h.call(t, .listen(fd: accepted, backlog: 5))?.errno == .EINVAL)
    let d = h.socket(t, .dgram)
    _ = h.call(t, .bind(fd: d, address: .filesystem("d.sock")))
    #expect(h.call(t, .listen(fd: d, backlog: 5))?.errno == .EOPNOTSUPP)
  }

  @Test("shutdown: EINVAL outside 0...2, 0 on an unconnected socket, mirrored bits on the peer")
  func shutdownRules() {
    let h = Harness()
    let t = h.task("t")
    let lfd = h.listener(t, "s.sock", backlog: 5)
    let c = h.socket(t)
    #expect(h.call(t, .shutdown(fd: c, how: 3))?.errno == .EINVAL)
    #expect(h.call(t, .shutdown(fd: c, how: -1))?.errno == .EINVAL)
    _ = h.call(t, .connect(fd: c, address: .filesystem("s.sock")))
    let accepted = Int32(h.call(t, .accept(fd: lfd, flags: 0))!.value)
    #expect(h.call(t, .shutdown(fd: c, how: SHUT_WR)).returned == .value(0))
    #expect(h.kernel.sock(fd: accepted)?.shutdown == .RCV_SHUTDOWN)
    #expect(h.call(t, .shutdown(fd: h.socket(t), how: SHUT_RDWR)).returned == .value(0))
  }

  @Test("descriptors: lowest free first; accept reserves its descriptor before sleeping")
  func descriptors() {
    let h = Harness()
    let t = h.task("t")
    let a = h.socket(t)
    let b = h.socket(t)
    #expect((a, b) == (3, 4))
    _ = h.call(t, .close(fd: a))
    #expect(h.socket(t) == 3)
    let lfd = h.listener(t, "s.sock", backlog: 1)
    let acc = h.start(h.task("acc"), .accept(fd: lfd, flags: 0))
    let later = h.socket(t)
    let c = h.task("c")
    _ = h.call(c, .connect(fd: h.socket(c), address: .filesystem("s.sock")))
    #expect(h.result(acc)?.value == Int64(later - 1))
  }
}
