import SyscallVocabulary
import Testing

@testable import SockKernel

/// The stream rules that sit on one comparison each: the chunk size, the admission
/// boundary, MSG_WAITALL's target and `unix_writable`'s quarter. Each test stands on both
/// sides of its boundary, so that moving it by one (`<` for `<=`, `/ 2` for `>> 1`, a
/// missing `- 64`) fails.
@Suite("stream buffers: chunk size, admission boundary, MSG_WAITALL, POLLOUT's quarter")
struct StreamBufferTests {
  /// A connected stream pair whose first socket has SO_SNDBUF `sndbuf` (doubled by the
  /// kernel), both ends on task `t`.
  func pair(sndbuf: Int32? = nil) -> (h: Harness, t: TaskID, a: Int32, b: Int32) {
    let h = Harness()
    let t = h.task("t")
    let (a, b) = h.socketpair(t, .stream)
    if let sndbuf {
      #expect(h.call(t, .setIntOption(fd: a, option: .SO_SNDBUF, value: sndbuf)).returned == .value(0))
    }
    return (h, t, a, b)
  }

  /// The lengths of the skbs queued on `fd`.
  func queued(_ h: Harness, _ fd: Int32) -> [Int] { h.kernel.sock(fd: fd)!.receiveQueue.map(\.length) }

  @Test("a small SO_SNDBUF cuts a write into chunks of sk_sndbuf / 2 - 64 bytes")
  func chunkSizeFollowsSndbuf() {
    // sk_sndbuf 5000: chunks of 2436 bytes, truesize 4352; the second is admitted at charge
    // 4352 < 5000, the third is not.
    let (h, t, a, b) = pair(sndbuf: 2500)
    #expect(h.send(t, a, .zeros(10_000)).returned == .value(2 * 2436))
    #expect(queued(h, b) == [2436, 2436])
    #expect(h.kernel.sock(fd: a)!.wmemAlloc == 2 * 4352)
  }

  @Test("a chunk's size is fixed before its allocation sleeps: a larger SO_SNDBUF shapes only the next chunk")
  func chunkSizeFixedAcrossTheSleep() {
    // Two chunks of 2436 fill sk_sndbuf 5000; the third (2436, computed before the sleep)
    // waits. Another task raises SO_SNDBUF to 100000 (sk_sndbuf 200000), which wakes the
    // writer (sk_write_space): the third chunk keeps its 2436 bytes, the rest go in chunks
    // of 36544 as the new sk_sndbuf allows.
    let (h, t, a, b) = pair(sndbuf: 2500)
    let writer = h.start(t, .send(fd: a, data: .zeros(50_000), flags: [], address: nil))
    #expect(h.returned(writer) == .notReturned)
    let other = h.task("other")
    #expect(h.call(other, .setIntOption(fd: a, option: .SO_SNDBUF, value: 100_000)).returned == .value(0))
    _ = h.kernel.run { h.result(writer) != nil }
    #expect(h.returned(writer) == .value(50_000))
    #expect(queued(h, b) == [2436, 2436, 2436, 36544, 50_000 - 3 * 2436 - 36544])
  }

  @Test("with the default sk_sndbuf a chunk is at most 36544 bytes (SKB_MAX_HEAD + 32 KiB of fragments)")
  func chunkSizeIsCapped() {
    let (h, t, a, b) = pair()
    #expect(h.send(t, a, .zeros(100_000)).returned == .value(100_000))
    #expect(queued(h, b) == [36544, 36544, 26912])
  }

  @Test(
    "a send is admitted while the charge is below sk_sndbuf: equal refuses, one byte of room admits",
    arguments: [(2304, 4608, 6), (2305, 4610, 7)] as [(Int32, Int, Int)])
  func admissionBoundary(option: Int32, sndbuf: Int, admitted: Int) {
    // One-byte sends cost 768 each: six of them charge exactly 4608.
    let (h, t, a, _) = pair(sndbuf: option)
    #expect(h.kernel.sock(fd: a)!.sndbuf == sndbuf)
    #expect(h.fill(t, a) == admitted)
    #expect(h.kernel.sock(fd: a)!.wmemAlloc == admitted * 768)
    #expect(h.send(t, a, .zeros(1)).returned == .error(.EAGAIN))
  }

  @Test("MSG_WAITALL sleeps until the whole length arrived; without it a recv takes what is there")
  func waitAllWaitsForEverything() {
    let (h, t, a, b) = pair()
    let reader = h.task("reader")
    #expect(h.send(t, a, .bytes(Array("ab".utf8)), flags: []).returned == .value(2))
    let waiting = h.start(reader, .recv(fd: b, length: 5, flags: .MSG_WAITALL))
    #expect(h.returned(waiting) == .notReturned)
    let more = h.start(t, .send(fd: a, data: .bytes(Array("cde".utf8)), flags: [], address: nil))
    #expect(h.woken(by: more) == [waiting])
    #expect(h.returned(waiting) == .value(5))
    #expect(h.result(waiting)?.data == .bytes(Array("abcde".utf8)))
    #expect(h.send(t, a, .bytes(Array("fg".utf8)), flags: []).returned == .value(2))
    #expect(h.call(reader, .recv(fd: b, length: 5, flags: [])).returned == .value(2))
  }

  @Test("MSG_WAITALL with SO_RCVTIMEO: at the timeout the bytes copied so far, not EAGAIN")
  func waitAllTimesOutWithWhatItHas() {
    let (h, t, a, b) = pair()
    let reader = h.task("reader")
    let rcvtimeo = Timeval(seconds: 0, microseconds: 200_000)
    _ = h.call(reader, .setTimeout(fd: b, option: .SO_RCVTIMEO, value: rcvtimeo, optlen: 16))
    #expect(h.send(t, a, .bytes(Array("1234567".utf8)), flags: []).returned == .value(7))
    let waiting = h.start(reader, .recv(fd: b, length: 64, flags: .MSG_WAITALL))
    _ = h.kernel.run { h.result(waiting) != nil }
    #expect(h.returned(waiting) == .value(7))
    #expect(h.time(waiting) == 200 * ms)
  }

  @Test(
    "POLLOUT while (charge + 1) * 4 <= sk_sndbuf: exactly a quarter is writable, four bytes less is not",
    arguments: [(2562, true), (2560, false)] as [(Int32, Bool)])
  func pollOutQuarter(option: Int32, writable: Bool) {
    // One 500-byte chunk charges 1280: (1280 + 1) * 4 = 5124.
    let (h, t, a, _) = pair(sndbuf: option)
    #expect(h.send(t, a, .zeros(500)).returned == .value(500))
    #expect(h.revents(t, a, .EPOLLOUT) == (writable ? .EPOLLOUT : []))
  }

  @Test("data wakes every reader sleeping in unix_stream_data_wait (non-exclusive); one gets it, one sleeps on")
  func dataWakesAllReaders() {
    let (h, t, a, b) = pair()
    let first = h.start(h.task("r1"), .recv(fd: b, length: 10, flags: []))
    let second = h.start(h.task("r2"), .recv(fd: b, length: 10, flags: []))
    let send = h.start(t, .send(fd: a, data: .bytes([1]), flags: [], address: nil))
    // prepare_to_wait queues a non-exclusive waiter at the head: the later sleeper first.
    #expect(h.woken(by: send) == [second, first])
    #expect(h.wakeups.allSatisfy { !$0.exclusive })
    #expect(h.returned(second) == .value(1))
    #expect(h.returned(first) == .notReturned)
  }
}
