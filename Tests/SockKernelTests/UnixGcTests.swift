import SyscallVocabulary
import Testing

@testable import SockKernel

/// `unix_gc`: cycles of sockets that only messages in flight hold.
@Suite("unix_gc: the collector frees dead cycles, and only those")
struct UnixGcTests {
  func sendmsg(_ h: Harness, _ task: TaskID, _ fd: Int32, rights: [Int32]) {
    _ = h.call(task, .sendmsg(fd: fd, message: SendMessage(iov: [.bytes([1])], rights: rights)))
  }
  func collections(_ h: Harness) -> [[Int]] {
    h.events.compactMap { if case .collected(let inodes) = $0 { inodes } else { nil } }
  }

  @Test("a closed socket in its own queue is freed by the next release, not by its close")
  func selfCycle() {
    let h = Harness()
    let p = h.task("p")
    let (c, d) = h.socketpair(p, .stream)
    sendmsg(h, p, d, rights: [c])
    _ = h.call(p, .close(fd: c))
    #expect(h.recv(p, d, 10)?.errno == .EAGAIN)
    #expect(collections(h).isEmpty)
    let t = h.socket(p)
    _ = h.call(p, .close(fd: t))
    #expect(collections(h).count == 1)
    #expect(h.recv(p, d, 10)?.value == 0)
    #expect(h.kernel.unixTotInflight == 0)
  }

  @Test("a socket is a vertex of the graph once its file has been sent, and only then")
  func vertexOnFirstSend() throws {
    let h = Harness()
    let p = h.task("p")
    let (a, b) = h.socketpair(p, .stream)
    let (c, _) = h.socketpair(p, .stream)
    let sent = try #require(h.kernel.sock(fd: c))
    #expect(sent.vertexIfMade == nil && sent.inflightRefs == 0)
    sendmsg(h, p, a, rights: [c, c])
    let vertex = try #require(sent.vertexIfMade)
    #expect(vertex.outDegree == 2)
    #expect(vertex.edges.values.map(\.count) == [2])
    #expect(h.kernel.sock(fd: a)?.vertexIfMade == nil)
    _ = h.call(p, .recvmsg(fd: b, request: ReceiveRequest(iov: [10], controlLength: 64, flags: [.MSG_DONTWAIT])))
    #expect(sent.inflightRefs == 0 && sent.successors.isEmpty)
  }

  @Test("a cycle with an open descriptor, or an in-flight socket bound for a live receiver, stays")
  func alive() {
    let h = Harness()
    let p = h.task("p")
    let (a, b) = h.socketpair(p, .stream)
    let (c, d) = h.socketpair(p, .stream)
    sendmsg(h, p, b, rights: [c])
    sendmsg(h, p, d, rights: [a])
    _ = h.call(p, .close(fd: a))
    let t = h.socket(p)
    _ = h.call(p, .close(fd: t))
    #expect(collections(h).isEmpty)
    #expect(h.recv(p, b, 10)?.errno == .EAGAIN)
    _ = h.call(p, .close(fd: c))
    let u = h.socket(p)
    _ = h.call(p, .close(fd: u))
    #expect(collections(h).count == 1)
    #expect(h.recv(p, b, 10)?.value == 0)
    #expect(h.recv(p, d, 10)?.value == 0)
  }
}

/// A ring of in-flight sockets closed one by one: the collector finds it dead once, at the
/// last close's release, and frees it all.
@Suite("unix_gc: a ring of sockets in flight")
struct UnixGcRingTests {
  @Test("a ring of 500, each socket's peer closed after it: one collection frees the whole ring")
  func ring() {
    let h = Harness()
    let p = h.task("p")
    let pairs = (0..<500).map { _ in h.socketpair(p, .stream) }
    for i in pairs.indices {
      let (sent, _) = pairs[i]
      let (_, via) = pairs[(i + 1) % pairs.count]
      _ = h.call(p, .sendmsg(fd: via, message: SendMessage(iov: [.bytes([1])], rights: [sent])))
    }
    for (ring, peer) in pairs {
      _ = h.call(p, .close(fd: ring))
      _ = h.call(p, .close(fd: peer))
    }
    let t = h.socket(p)
    _ = h.call(p, .close(fd: t))
    let collections = h.events.compactMap { if case .collected(let inodes) = $0 { inodes } else { nil } }
    #expect(collections.map(\.count) == [500])
    #expect(h.kernel.unixTotInflight == 0)
  }
}
