import SyscallVocabulary
import Testing

@testable import SockKernel

@Suite("Stream data path")
struct StreamDataTests {
  /// A connected stream pair on one task.
  func pair(_ h: Harness) -> (TaskID, Int32, Int32) {
    let t = h.task("a")
    let r = h.call(t, .socketpair(type: .stream))!
    return (t, r.pair!.fds.0, r.pair!.fds.1)
  }

  func send(_ h: Harness, _ t: TaskID, _ fd: Int32, _ n: Int, _ flags: MessageFlags = .MSG_DONTWAIT) -> SyscallOutcome {
    h.call(t, .send(fd: fd, data: .zeros(n), flags: flags, address: nil))!
  }

  @Test("truesize of stream chunks and datagrams, as measured on 6.18")
  func truesize() {
    let chunks = [1: 768, 192: 768, 193: 1280, 704: 1280, 705: 2304, 1728: 2304, 1729: 4352, 3776: 4352]
    for (size, expected) in chunks { #expect(Truesize.streamChunk(size) == expected, "chunk \(size)") }
    let more = [3777: 4864, 4096: 4864, 7872: 8448, 7873: 8960, 16000: 16640, 32768: 33536, 36544: 37120]
    for (size, expected) in more { #expect(Truesize.streamChunk(size) == expected, "chunk \(size)") }
    let datagrams = [1: 768, 1000: 2304, 3777: 8448, 16064: 16640, 16065: 20736, 65536: 69888, 212960: 332032]
    for (size, expected) in datagrams { #expect(Truesize.datagram(size) == expected, "datagram \(size)") }
  }

  @Test("sends admitted before EAGAIN: the charge is checked before each skb, never against its size")
  func capacity() {
    for (size, count) in [(1, 278), (500, 167), (1000, 93), (4096, 44), (8192, 24), (36544, 6)] {
      let h = Harness()
      let (t, a, _) = pair(h)
      var accepted = 0
      while send(h, t, a, size).returned == .value(Int64(size)) { accepted += 1 }
      #expect(accepted == count, "size \(size)")
    }
  }

  @Test("a large write is cut into 36544-byte chunks and is partial when the buffer fills")
  func partialWrite() {
    let h = Harness()
    let (t, a, _) = pair(h)
    #expect(send(h, t, a, 1 << 20).value == 219264)
    #expect(send(h, t, a, 1).errno == .EAGAIN)
    #expect(h.kernel.sock(fd: a)!.wmemAlloc == 6 * 37120)
  }

  @Test("a blocked writer is woken only when its charge falls to a quarter of sk_sndbuf")
  func writerWokenAtQuarter() {
    let h = Harness()
    let (t, a, b) = pair(h)
    let reader = h.task("b")
    #expect(send(h, t, a, 1 << 20).value == 219264)
    let blocked = h.start(t, .send(fd: a, data: .zeros(1), flags: [], address: nil))
    let firstRead = h.start(reader, .recv(fd: b, length: 4 * 36544, flags: []))
    #expect(h.returned(firstRead) == .value(Int64(4 * 36544)))
    #expect(h.woken(by: firstRead) == [])  // charge 74240: below sk_sndbuf, above a quarter
    #expect(h.returned(blocked) == .notReturned)
    let secondRead = h.start(reader, .recv(fd: b, length: 36544, flags: []))
    #expect(h.returned(secondRead) == .value(36544))
    #expect(h.woken(by: secondRead) == [blocked])
    #expect(h.returned(blocked) == .value(1))
  }

  @Test("recv merges skbs, keeps what it does not take, and peeks without consuming")
  func recvMerging() {
    let h = Harness()
    let (t, a, b) = pair(h)
    _ = h.call(t, .send(fd: a, data: .bytes(Array("abc".utf8)), flags: [], address: nil))
    _ = h.call(t, .send(fd: a, data: .bytes(Array("def".utf8)), flags: [], address: nil))
    #expect(h.call(t, .recv(fd: b, length: 10, flags: .MSG_PEEK))?.data == .bytes(Array("abcdef".utf8)))
    #expect(h.call(t, .recv(fd: b, length: 4, flags: []))?.data == .bytes(Array("abcd".utf8)))
    #expect(h.call(t, .recv(fd: b, length: 10, flags: []))?.data == .bytes(Array("ef".utf8)))
    #expect(h.call(t, .recv(fd: b, length: 10, flags: .MSG_DONTWAIT))?.errno == .EAGAIN)
  }

  @Test("EPIPE raises SIGPIPE unless MSG_NOSIGNAL; the peer's unread data gives ECONNRESET once")
  func brokenConnection() {
    let h = Harness()
    let (t, a, b) = pair(h)
    _ = send(h, t, a, 10)
    _ = h.call(t, .close(fd: b))
    let piped = send(h, t, a, 1, [])
    #expect(piped.errno == .EPIPE)
    #expect(piped.raised == .SIGPIPE)
    #expect(send(h, t, a, 1, .MSG_NOSIGNAL).raised == nil)
    #expect(h.call(t, .recv(fd: a, length: 10, flags: []))?.errno == .ECONNRESET)
    #expect(h.call(t, .recv(fd: a, length: 10, flags: []))?.value == 0)
  }

  @Test("a signal gives EINTR with a finite timeout and restarts an infinite wait under SA_RESTART")
  func signals() {
    let h = Harness()
    let (t, a, b) = pair(h)
    let reader = h.task("b")
    let main = h.task("main")
    let restarted = h.start(reader, .recv(fd: b, length: 10, flags: []))
    _ = h.call(main, .kill(task: reader, signal: .SIGUSR2))
    #expect(h.result(restarted) == nil)
    _ = h.call(main, .kill(task: reader, signal: .SIGUSR1))
    #expect(h.result(restarted)?.errno == .EINTR)
    _ = h.call(
      reader, .setTimeout(fd: b, option: .SO_RCVTIMEO, value: Timeval(seconds: 1, microseconds: 0), optlen: 16))
    let finite = h.start(reader, .recv(fd: b, length: 10, flags: []))
    _ = h.call(main, .kill(task: reader, signal: .SIGUSR2))
    #expect(h.result(finite)?.errno == .EINTR)
    _ = a
    _ = t
  }

  @Test("SA_RESTART is the handler's, as the language installs it: without it SIGUSR2 interrupts too")
  func restartIsTheHandlers() {
    let h = Harness()
    h.kernel.sigaction(.SIGUSR2, saRestart: false)
    let (_, _, b) = pair(h)
    let reader = h.task("b")
    let blocked = h.start(reader, .recv(fd: b, length: 10, flags: []))
    _ = h.call(h.task("main"), .kill(task: reader, signal: .SIGUSR2))
    #expect(h.result(blocked)?.errno == .EINTR)
  }

  @Test("SO_SNDBUF doubles, has a floor, and is clamped to wmem_max as an unsigned value")
  func sndbuf() {
    let h = Harness()
    let (t, a, _) = pair(h)
    for (value, expected) in [(10000, 20000), (0, 4608), (-1, 8_388_608), (100_000_000, 8_388_608)] {
      _ = h.call(t, .setIntOption(fd: a, option: .SO_SNDBUF, value: Int32(value)))
      #expect(h.call(t, .getIntOption(fd: a, option: .SO_SNDBUF))?.optionValue == Int32(expected))
    }
  }

  @Test("stray wake-ups: a blocked writer and a blocked reader re-check and sleep on")
  func strayWakeups() {
    let h = Harness()
    let (t, a, b) = pair(h)
    let peer = h.task("b")
    #expect(send(h, t, a, 1 << 20).value == 219264)
    let writer = h.start(t, .send(fd: a, data: .zeros(1), flags: [], address: nil))
    // Data for a wakes a.wq (sk_data_ready); sock_wait_for_wmem still has no room.
    #expect(h.send(peer, b, .bytes([1]))?.value == 1)
    #expect(h.result(writer) == nil)
    #expect(h.events.contains { if case .blocked(let r, _, true) = $0 { r.tag == writer } else { false } })

    let h2 = Harness()
    let (t2, c, d) = pair(h2)
    let reader = h2.task("d")
    #expect(h2.send(reader, d, .bytes([1]))?.value == 1)
    let blocked = h2.start(reader, .recv(fd: d, length: 10, flags: []))
    // c consumes d's skb: unix_write_space wakes d.wq, but no data arrived for d.
    #expect(h2.recv(t2, c, 10)?.value == 1)
    #expect(h2.result(blocked) == nil)
    #expect(h2.events.contains { if case .blocked(let r, _, true) = $0 { r.tag == blocked } else { false } })
  }

  @Test("buffer sysctls: *mem_default sets new sockets' buffers, *mem_max clamps SO_*BUF, ranges are checked")
  func bufferSysctls() {
    let h = Harness()
    let main = h.task("main")
    #expect(h.call(main, .sysctl(.wmemDefault, value: 10000)).returned == .value(0))
    #expect(h.call(main, .sysctl(.rmemDefault, value: 20000)).returned == .value(0))
    #expect(h.call(main, .sysctl(.wmemMax, value: 6000)).returned == .value(0))
    #expect(h.call(main, .sysctl(.rmemMax, value: 7000)).returned == .value(0))
    let fd = h.socket(main)
    #expect(h.call(main, .getIntOption(fd: fd, option: .SO_SNDBUF))?.optionValue == 10000)
    #expect(h.call(main, .getIntOption(fd: fd, option: .SO_RCVBUF))?.optionValue == 20000)
    _ = h.call(main, .setIntOption(fd: fd, option: .SO_SNDBUF, value: 1 << 20))
    _ = h.call(main, .setIntOption(fd: fd, option: .SO_RCVBUF, value: 1 << 20))
    #expect(h.call(main, .getIntOption(fd: fd, option: .SO_SNDBUF))?.optionValue == 12000)
    #expect(h.call(main, .getIntOption(fd: fd, option: .SO_RCVBUF))?.optionValue == 14000)
    #expect(h.call(main, .sysctl(.wmemDefault, value: 4607))?.errno == .EINVAL)
    #expect(h.call(main, .sysctl(.rmemMax, value: 2303))?.errno == .EINVAL)
    #expect(h.call(main, .sysctl(.somaxconn, value: -1))?.errno == .EINVAL)
    #expect(h.call(main, .sysctl(.maxDgramQlen, value: -1)).returned == .value(0))
  }
}
