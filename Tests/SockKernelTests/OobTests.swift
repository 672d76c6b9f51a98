import SyscallVocabulary
import Testing

@testable import SockKernel

/// Out-of-band data (`queue_oob`, `unix_stream_recv_urg`, `manage_oob`, SIOCATMARK,
/// SO_OOBINLINE, EPOLLPRI) and SIGURG to the file's owner (`sk_send_sigurg`, `send_sigurg`).
@Suite("MSG_OOB: the out-of-band byte, the mark, SIGURG")
struct OobTests {
  let oob: MessageFlags = [.MSG_OOB, .MSG_DONTWAIT]

  func text(_ outcome: SyscallOutcome?) -> String? {
    outcome?.data.map { String(decoding: $0.materialized, as: UTF8.self) }
  }
  func ioctl(_ h: Harness, _ task: TaskID, _ fd: Int32, _ request: IoctlRequest) -> SyscallOutcome? {
    h.call(task, .ioctl(fd: fd, request: request))
  }
  func pri(_ h: Harness, _ task: TaskID, _ fd: Int32) -> PollMask? {
    h.call(task, .poll(fds: [PollRequest(fd: fd, events: [.EPOLLIN, .EPOLLPRI])], timeoutMs: 0))?.revents?.first
  }

  @Test("queue_oob: the last byte is an skb of its own, read by recv MSG_OOB; a read stops at the mark")
  func markStopsRead() {
    let h = Harness()
    let p = h.task("p")
    let (a, b) = h.socketpair(p, .stream)
    #expect(h.send(p, a, .bytes(Array("hello".utf8)), flags: oob)?.value == 5)
    #expect(ioctl(h, p, a, .SIOCOUTQ)?.optionValue == 1536)
    #expect(ioctl(h, p, b, .SIOCATMARK)?.optionValue == 0)
    #expect(text(h.recv(p, b, 10)) == "hell")
    #expect(ioctl(h, p, b, .SIOCATMARK)?.optionValue == 1)
    #expect(text(h.recv(p, b, 10, flags: oob)) == "o")
    #expect(h.recv(p, b, 10)?.errno == .EAGAIN)
  }

  @Test("unix_stream_recv_urg: EINVAL with no byte or SO_OOBINLINE; a peek leaves it; any size returns 1")
  func recvUrg() {
    let h = Harness()
    let p = h.task("p")
    let (a, b) = h.socketpair(p, .stream)
    #expect(h.recv(p, b, 1, flags: oob)?.errno == .EINVAL)
    _ = h.send(p, a, .bytes(Array("xy".utf8)), flags: oob)
    #expect(text(h.recv(p, b, 1, flags: oob.union(.MSG_PEEK))) == "y")
    #expect(h.recv(p, b, 0, flags: oob)?.value == 1)
    #expect(h.recv(p, b, 1, flags: oob)?.errno == .EINVAL)
    _ = h.send(p, a, .bytes(Array("z".utf8)), flags: oob)
    _ = h.call(p, .setIntOption(fd: b, option: .SO_OOBINLINE, value: 5))
    #expect(h.call(p, .getIntOption(fd: b, option: .SO_OOBINLINE))?.optionValue == 1)
    #expect(h.recv(p, b, 1, flags: oob)?.errno == .EINVAL)
  }

  @Test("manage_oob: an unread out-of-band byte is dropped by the read that reaches it; SIOCINQ keeps counting it")
  func skipped() {
    let h = Harness()
    let p = h.task("p")
    let (a, b) = h.socketpair(p, .stream)
    _ = h.send(p, a, .bytes(Array("ab".utf8)), flags: oob)
    _ = h.send(p, a, .bytes(Array("cd".utf8)))
    #expect(text(h.recv(p, b, 10)) == "a")
    #expect(text(h.recv(p, b, 10)) == "cd")
    #expect(ioctl(h, p, b, .SIOCINQ)?.optionValue == 1)
    #expect(h.recv(p, b, 1, flags: oob)?.errno == .EINVAL)
  }

  @Test("manage_oob with SO_OOBINLINE: the byte is read in line, after a stop at the mark")
  func inline() {
    let h = Harness()
    let p = h.task("p")
    let (a, b) = h.socketpair(p, .stream)
    _ = h.send(p, a, .bytes(Array("xy".utf8)), flags: oob)
    _ = h.call(p, .setIntOption(fd: b, option: .SO_OOBINLINE, value: 1))
    #expect(text(h.recv(p, b, 10)) == "x")
    #expect(text(h.recv(p, b, 10)) == "y")
  }

  @Test("a second out-of-band byte replaces the first, which is read in line")
  func replaced() {
    let h = Harness()
    let p = h.task("p")
    let (a, b) = h.socketpair(p, .stream)
    _ = h.send(p, a, .bytes(Array("ab".utf8)), flags: oob)
    _ = h.send(p, a, .bytes(Array("cd".utf8)), flags: oob)
    #expect(text(h.recv(p, b, 10)) == "abc")
    #expect(text(h.recv(p, b, 10, flags: oob)) == "d")
  }

  @Test("the emptied skb recv MSG_OOB leaves: POLLIN and SIOCATMARK 1, then unlinked by the next read")
  func emptiedSkb() {
    let h = Harness()
    let p = h.task("p")
    let (a, b) = h.socketpair(p, .stream)
    _ = h.send(p, a, .bytes(Array("ab".utf8)), flags: oob)
    #expect(pri(h, p, b) == [.EPOLLIN, .EPOLLPRI])
    #expect(text(h.recv(p, b, 1, flags: oob)) == "b")
    #expect(pri(h, p, b) == [.EPOLLIN])
    #expect(text(h.recv(p, b, 10)) == "a")
    #expect(pri(h, p, b) == [.EPOLLIN])
    #expect(ioctl(h, p, b, .SIOCATMARK)?.optionValue == 1)
    #expect(h.recv(p, b, 10)?.errno == .EAGAIN)
    #expect(pri(h, p, b) == [])
  }

  @Test("a blocked reader woken by a lone out-of-band byte drops it and sleeps again")
  func blockedReader() {
    let h = Harness()
    let p = h.task("p")
    let r = h.task("r")
    let (a, b) = h.socketpair(p, .stream)
    let tag = h.start(r, .recv(fd: b, length: 10, flags: []))
    _ = h.send(p, a, .bytes(Array("x".utf8)), flags: oob)
    #expect(h.result(tag) == nil)
    #expect(pri(h, p, b) == [])
    _ = h.send(p, a, .bytes(Array("z".utf8)))
    #expect(text(h.result(tag)) == "z")
  }

  @Test("MSG_OOB of nothing is EOPNOTSUPP; datagram and seqpacket refuse MSG_OOB and SIOCATMARK")
  func refused() {
    let h = Harness()
    let p = h.task("p")
    let (a, _) = h.socketpair(p, .stream)
    #expect(h.send(p, a, .bytes([]), flags: oob)?.errno == .EOPNOTSUPP)
    for type in [SocketType.dgram, .seqpacket] {
      let (d, e) = h.socketpair(p, type)
      #expect(h.send(p, d, .bytes([1]), flags: oob)?.errno == .EOPNOTSUPP)
      #expect(h.recv(p, e, 1, flags: oob)?.errno == .EOPNOTSUPP)
      #expect(ioctl(h, p, e, .SIOCATMARK)?.errno == .EOPNOTSUPP)
    }
  }

  @Test("unix_inq_len: a listener is EINVAL; a datagram socket counts its first datagram")
  func inq() {
    let h = Harness()
    let p = h.task("p")
    let l = h.listener(p, "l.sock", backlog: 1)
    #expect(ioctl(h, p, l, .SIOCINQ)?.errno == .EINVAL)
    let (d, e) = h.socketpair(p, .dgram)
    _ = h.send(p, d, .bytes([1, 2, 3]))
    _ = h.send(p, d, .bytes([4, 5]))
    #expect(ioctl(h, p, e, .SIOCINQ)?.optionValue == 3)
  }

  @Test("SIGURG to a thread owner with a handler interrupts its sleep; by default it is ignored")
  func sigurg() {
    for handled in [false, true] {
      let h = Harness()
      let p = h.task("p")
      let t = h.task("t")
      if handled { h.kernel.catchSignal(.SIGURG, saRestart: false, task: p) }
      let (a, b) = h.socketpair(p, .stream)
      let (_, q) = h.socketpair(p, .stream)
      let tag = h.start(t, .recv(fd: q, length: 10, flags: []))
      #expect(h.call(p, .fcntl(fd: b, command: .F_SETOWN_EX, arg: Int32(t.rawValue)))?.value == 0)
      _ = h.send(p, a, .bytes([1]), flags: oob)
      #expect(h.result(tag)?.errno == (handled ? .EINTR : nil))
    }
  }

  @Test("F_SETOWN: ESRCH for no such process; F_GETOWN reads it back, 0 once cleared")
  func owner() {
    let h = Harness()
    let p = h.task("p")
    let (_, b) = h.socketpair(p, .stream)
    #expect(h.call(p, .fcntl(fd: b, command: .F_SETOWN, arg: 7))?.errno == .ESRCH)
    #expect(h.call(p, .fcntl(fd: b, command: .F_SETOWN, arg: 1))?.value == 0)
    #expect(h.call(p, .fcntl(fd: b, command: .F_GETOWN, arg: 0))?.value == 1)
    _ = h.call(p, .fcntl(fd: b, command: .F_SETOWN, arg: 0))
    #expect(h.call(p, .fcntl(fd: b, command: .F_GETOWN, arg: 0))?.value == 0)
  }
}
