import SyscallVocabulary
import Testing

@testable import SockKernel

@Suite("wait queues (__wake_up_common) and unix_autobind")
struct WaitQueueTests {
  func queue() -> WaitQueue { WaitQueue(name: WaitQueueName(inode: 1, kind: .peerWait)) }
  func entry(_ id: Int, exclusive: Bool, filter: PollMask? = nil) -> WaitQueueEntry {
    WaitQueueEntry(task: TaskID(rawValue: id), exclusive: exclusive, keyFilter: filter)
  }

  @Test("entries a queue still holds when it goes are left queued nowhere, and their links are cleared")
  func queueGoesFirst() {
    let a = entry(1, exclusive: false)
    let b = entry(2, exclusive: true)
    do {
      let q = queue()
      q.add(a)
      q.add(b)
      withExtendedLifetime(q) { #expect(a.isQueued && b.isQueued && b.previous === a) }
    }
    #expect(!a.isQueued && !b.isQueued && b.previous == nil)
    // An entry can go on another queue afterwards, as after a remove.
    let other = queue()
    other.add(b)
    #expect(other.entries.map(\.task?.rawValue) == [2] && b.previous == nil)
    other.remove(b)
    #expect(!b.isQueued && other.count == 0)
  }

  @Test("non-exclusive waiters go first; wake-one stops after the first exclusive waiter")
  func wakeOne() {
    let q = queue()
    q.add(entry(1, exclusive: true))
    q.add(entry(2, exclusive: true))
    q.add(entry(3, exclusive: false))
    #expect(q.takeWakeable(nrExclusive: 1, key: nil).map(\.task?.rawValue) == [3, 1])
    #expect(q.entries.map(\.task?.rawValue) == [2])
  }

  @Test("wake-all (nr_exclusive 0) takes everybody, in queue order")
  func wakeAll() {
    let q = queue()
    for id in 1...3 { q.add(entry(id, exclusive: true)) }
    #expect(q.takeWakeable(nrExclusive: 0, key: nil).map(\.task?.rawValue) == [1, 2, 3])
    #expect(q.count == 0)
  }

  @Test("a keyed wake-up skips receivers whose filter it misses (receiver_wake_function)")
  func keyFilter() {
    let q = queue()
    q.add(entry(1, exclusive: true, filter: [.EPOLLIN, .EPOLLERR]))
    #expect(q.takeWakeable(nrExclusive: 1, key: .EPOLLOUT).isEmpty)
    #expect(q.takeWakeable(nrExclusive: 1, key: .EPOLLIN).map(\.task?.rawValue) == [1])
  }

  @Test("removing from the middle keeps the order (list_del)")
  func removeMiddle() {
    let q = queue()
    let middle = entry(2, exclusive: true)
    q.add(entry(1, exclusive: true))
    q.add(middle)
    q.add(entry(3, exclusive: true))
    q.remove(middle)
    #expect(q.entries.map(\.task?.rawValue) == [1, 3])
  }

  @Test("autobind: \\0 + 5 hex digits probing upward; a bound socket keeps its name")
  func autobind() {
    let h = Harness()
    h.kernel.autobindStart = 0xFFFFF
    let t = h.task("t")
    let a = h.socket(t)
    let b = h.socket(t)
    let family = SockAddrUn(path: [], length: 2)
    #expect(h.call(t, .bind(fd: a, address: family)).returned == .value(0))
    #expect(h.call(t, .bind(fd: b, address: family)).returned == .value(0))
    #expect(h.kernel.sock(fd: a)?.address?.path == [0] + Array("fffff".utf8))
    #expect(h.kernel.sock(fd: a)?.address?.length == 8)  // measured: getsockname gives "\0" + 5 hex digits
    #expect(h.kernel.sock(fd: b)?.address?.path == [0] + Array("00000".utf8))  // wrapped modulo 2^20
    #expect(h.call(t, .bind(fd: a, address: family)).returned == .value(0))
    #expect(h.kernel.sock(fd: a)?.address?.path == [0] + Array("fffff".utf8))
  }

  @Test("a queue dropped with sleepers still on it frees them (no cycle between neighbours)")
  func droppedQueueFreesEntries() {
    weak var first: WaitQueueEntry?
    weak var second: WaitQueueEntry?
    do {
      let q = queue()
      let a = entry(1, exclusive: true)
      let b = entry(2, exclusive: true)
      q.add(a)
      q.add(b)
      first = a
      second = b
    }
    #expect(first == nil)
    #expect(second == nil)
  }
}
