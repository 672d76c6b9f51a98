import SyscallVocabulary
import Testing

@testable import SockKernel

/// SO_PEEK_OFF (`sk_peek_offset*`, `__skb_try_recv_from_queue`) and SO_RCVLOWAT
/// (`sock_rcvlowat`).
@Suite("SO_PEEK_OFF and SO_RCVLOWAT")
struct PeekOffRcvlowatTests {
  func text(_ outcome: SyscallOutcome?) -> String? {
    outcome?.data.map { String(decoding: $0.materialized, as: UTF8.self) }
  }
  let peek: MessageFlags = [.MSG_PEEK, .MSG_DONTWAIT]

  @Test("stream: a peek starts at the offset and moves it on; a read moves it back")
  func stream() {
    let h = Harness()
    let p = h.task("p")
    let (a, b) = h.socketpair(p, .stream)
    _ = h.send(p, a, .bytes(Array("abcdef".utf8)))
    _ = h.call(p, .setIntOption(fd: b, option: .SO_PEEK_OFF, value: 1))
    #expect(text(h.recv(p, b, 2, flags: peek)) == "bc")
    #expect(h.call(p, .getIntOption(fd: b, option: .SO_PEEK_OFF))?.optionValue == 3)
    #expect(text(h.recv(p, b, 4)) == "abcd")
    #expect(h.call(p, .getIntOption(fd: b, option: .SO_PEEK_OFF))?.optionValue == 0)
  }

  @Test("dgram: a peek passes the datagrams its offset covers; at the end of the queue, EAGAIN")
  func dgram() {
    let h = Harness()
    let p = h.task("p")
    let (d, e) = h.socketpair(p, .dgram)
    _ = h.send(p, d, .bytes(Array("abc".utf8)))
    _ = h.send(p, d, .bytes(Array("defgh".utf8)))
    _ = h.call(p, .setIntOption(fd: e, option: .SO_PEEK_OFF, value: 4))
    #expect(text(h.recv(p, e, 10, flags: peek)) == "efgh")
    #expect(h.recv(p, e, 10, flags: peek)?.errno == .EAGAIN)
    #expect(text(h.recv(p, e, 10)) == "abc")
    #expect(h.call(p, .getIntOption(fd: e, option: .SO_PEEK_OFF))?.optionValue == 5)
  }

  @Test("SO_RCVLOWAT: 0 is 1, negative INT_MAX; a blocking read waits for that many bytes")
  func rcvlowat() {
    let h = Harness()
    let p = h.task("p")
    let r = h.task("r")
    let (a, b) = h.socketpair(p, .stream)
    _ = h.call(p, .setIntOption(fd: b, option: .SO_RCVLOWAT, value: -3))
    #expect(h.call(p, .getIntOption(fd: b, option: .SO_RCVLOWAT))?.optionValue == Int32.max)
    _ = h.call(p, .setIntOption(fd: b, option: .SO_RCVLOWAT, value: 4))
    let tag = h.start(r, .recv(fd: b, length: 10, flags: []))
    _ = h.send(p, a, .bytes(Array("ab".utf8)))
    #expect(h.result(tag) == nil)
    _ = h.send(p, a, .bytes(Array("cd".utf8)))
    #expect(text(h.result(tag)) == "abcd")
  }

  @Test("SO_INQ: stream only, 0 or 1, not readable; a receive then reports the bytes left")
  func inq() {
    let h = Harness()
    let p = h.task("p")
    let (a, b) = h.socketpair(p, .stream)
    let (_, e) = h.socketpair(p, .dgram)
    #expect(h.call(p, .setIntOption(fd: e, option: .SO_INQ, value: 1))?.errno == .ENOPROTOOPT)
    #expect(h.call(p, .setIntOption(fd: b, option: .SO_INQ, value: 2))?.errno == .EINVAL)
    #expect(h.call(p, .setIntOption(fd: b, option: .SO_INQ, value: 1))?.value == 0)
    #expect(h.call(p, .getIntOption(fd: b, option: .SO_INQ))?.errno == .ENOPROTOOPT)
    _ = h.send(p, a, .bytes(Array("abcdef".utf8)))
    let request = ReceiveRequest(iov: [2], controlLength: 32, flags: [.MSG_DONTWAIT])
    #expect(h.call(p, .recvmsg(fd: b, request: request))?.message?.inq == 4)
  }
}
