import SyscallVocabulary
import Testing

@testable import SockKernel

/// `__sys_sendmmsg` and `do_recvmmsg`: many messages in one call.
@Suite("sendmmsg and recvmmsg: batches of messages")
struct MmsgTests {
  func recvmmsg(
    _ h: Harness, _ task: TaskID, _ fd: Int32, _ count: Int, flags: MessageFlags = [.MSG_DONTWAIT]
  ) -> SyscallOutcome? {
    let requests = Array(repeating: ReceiveRequest(iov: [10], controlLength: 0), count: count)
    return h.call(task, .recvmmsg(fd: fd, requests: requests, flags: flags, timeout: nil))
  }

  @Test("sendmmsg returns the messages sent; recvmmsg the messages taken, each with its msg_len")
  func counts() {
    let h = Harness()
    let p = h.task("p")
    let (a, b) = h.socketpair(p, .dgram)
    let messages = [[1], [2, 2], [3, 3, 3]].map { SendMessage(iov: [.bytes($0)]) }
    let sent = h.call(p, .sendmmsg(fd: a, messages: messages, flags: []))
    #expect(sent?.value == 3)
    #expect(sent?.batch?.map(\.length) == [1, 2, 3])
    let got = recvmmsg(h, p, b, 5)
    #expect(got?.value == 3)
    #expect(got?.batch?.map(\.length) == [1, 2, 3])
    #expect(recvmmsg(h, p, b, 2)?.errno == .EAGAIN)
  }

  @Test("recvmmsg answers a pending error first; then end of file is a message of 0 bytes")
  func errors() {
    let h = Harness()
    let p = h.task("p")
    let (a, b) = h.socketpair(p, .stream)
    _ = h.send(p, b, .bytes([1]))
    _ = h.send(p, a, .bytes([2]))
    _ = h.call(p, .close(fd: a))
    #expect(recvmmsg(h, p, b, 2)?.errno == .ECONNRESET)
    let after = recvmmsg(h, p, b, 2)
    #expect(after?.value == 2)
    #expect(after?.batch?.map(\.length) == [1, 0])
  }
}
