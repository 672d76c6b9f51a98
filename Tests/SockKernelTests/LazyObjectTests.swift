import SyscallVocabulary
import Testing

@testable import SockKernel

/// A socket's wait queues and a task's `schedule_timeout` timer are made on first use, so
/// that a million idle sockets cost none; whoever uses them must find the same object every
/// time, or a sleeper would sleep where no wake-up looks.
@Suite("objects made on first use: a socket's wait queues, a task's timer, a task's queue of calls")
struct LazyObjectTests {
  @Test("a new socket has no wait queues until someone sleeps; a wake-up of none makes none")
  func noQueuesUntilUsed() {
    let h = Harness()
    let t = h.task("t")
    let (a, b) = h.socketpair(t, .stream)
    #expect(h.send(t, a, .bytes([1]))?.returned == .value(1))
    #expect(h.recv(t, b, 1)?.returned == .value(1))
    for fd in [a, b] {
      #expect(h.kernel.sock(fd: fd)?.sleepQueueIfMade == nil)
      #expect(h.kernel.sock(fd: fd)?.peerWaitIfMade == nil)
    }
  }

  @Test("the queue a reader sleeps on is the socket's one queue, and the writer's wake-up reaches it")
  func sleeperOnLazyQueueIsWoken() {
    let h = Harness()
    let reader = h.task("reader")
    let writer = h.task("writer")
    let (a, b) = h.socketpair(reader, .stream)
    let tag = h.start(reader, .recv(fd: b, length: 1, flags: []))
    let sock = h.kernel.sock(fd: b)!
    let queue = sock.sleepQueueIfMade
    #expect(queue != nil)
    #expect(queue === sock.sleepQueue)
    #expect(sock.sleepQueue.count == 1)
    #expect(h.result(tag) == nil)
    #expect(h.send(writer, a, .bytes([7]))?.returned == .value(1))
    _ = h.kernel.run { h.result(tag) != nil }
    #expect(h.result(tag)?.returned == .value(1))
    #expect(sock.sleepQueue === queue)
    #expect(queue?.count == 0)
  }

  @Test("a connect that sleeps on a full listener's peer_wait is woken by the accept")
  func connectorOnLazyPeerWaitIsWoken() {
    let h = Harness()
    let server = h.task("server")
    let client = h.task("client")
    let listener = h.listener(server, "l.sock", backlog: 0)
    #expect(h.connect(client, h.socket(client), "l.sock")?.returned == .value(0))
    let listenerSock = h.kernel.sock(fd: listener)!
    #expect(listenerSock.peerWaitIfMade == nil)
    let second = h.socket(client)
    let tag = h.start(client, .connect(fd: second, address: .filesystem("l.sock")))
    #expect(h.result(tag) == nil)
    let queue = listenerSock.peerWaitIfMade
    #expect(queue?.count == 1)
    #expect(queue === listenerSock.peerWait)
    _ = h.call(server, .accept(fd: listener, flags: 0))
    _ = h.kernel.run { h.result(tag) != nil }
    #expect(h.result(tag)?.returned == .value(0))
    #expect(listenerSock.peerWait === queue)
  }

  @Test("a task's timer is made by its first timed sleep, kept, and deleted when a wake-up ends the sleep")
  func timerMadeOnceAndDeleted() {
    let h = Harness()
    let t = h.task("t")
    let peer = h.task("peer")
    let (a, b) = h.socketpair(t, .stream)
    let task = h.kernel.tasks[t.rawValue]
    #expect(task.timerIfMade == nil)
    let first = h.start(t, .poll(fds: [PollRequest(fd: b, events: .EPOLLIN)], timeoutMs: 1000))
    let timer = task.timerIfMade
    #expect(timer?.isPending == true)
    #expect(task.timer === timer)
    _ = h.send(peer, a, .bytes([1]))
    _ = h.kernel.run { h.result(first) != nil }
    #expect(h.result(first)?.value == 1)
    #expect(timer?.isPending == false)
    #expect(h.kernel.timers.pendingCount == 0)
    _ = h.recv(t, b, 1)
    let second = h.start(t, .poll(fds: [PollRequest(fd: b, events: .EPOLLIN)], timeoutMs: 5))
    #expect(task.timerIfMade === timer)
    _ = h.kernel.run { h.result(second) != nil }
    #expect(h.result(second)?.value == 0)
  }

  @Test("calls queued behind a running one still run in order after the queue emptied and its storage went")
  func pendingQueueRefills() {
    let h = Harness()
    let t = h.task("t")
    let peer = h.task("peer")
    let (a, b) = h.socketpair(t, .stream)
    for round in 0..<3 {
      var tags: [Int] = []
      for _ in 0..<3 { tags.append(h.start(t, .recv(fd: b, length: 1, flags: []))) }
      #expect(h.kernel.queuedCalls(t) == 2)
      for byte in 0..<3 { _ = h.send(peer, a, .bytes([UInt8(round * 3 + byte + 1)])) }
      _ = h.kernel.run { tags.allSatisfy { h.result($0) != nil } }
      #expect(tags.map { h.result($0)?.data } == (0..<3).map { Payload.bytes([UInt8(round * 3 + $0 + 1)]) })
      #expect(h.kernel.isIdle(t))
    }
  }

  @Test("the storage a task's emptied queue gave back is kept once, and the next task to queue calls takes it")
  func spareQueueHandedOn() {
    let h = Harness()
    let t = h.task("t")
    let u = h.task("u")
    let peer = h.task("peer")
    let (a, b) = h.socketpair(t, .stream)
    var tags = (0..<3).map { _ in h.start(t, .recv(fd: b, length: 1, flags: [])) }
    for byte in 1...3 { _ = h.send(peer, a, .bytes([UInt8(byte)])) }
    _ = h.kernel.run { tags.allSatisfy { h.result($0) != nil } }
    // t's last queued call started: its queue is empty, its storage the kernel's spare.
    #expect(h.kernel.spareCallQueue != nil)
    #expect(h.kernel.queuedCalls(t) == 0)
    // u queues calls: it takes the spare, and its calls run in order as ever.
    tags = (0..<3).map { _ in h.start(u, .recv(fd: b, length: 1, flags: [])) }
    #expect(h.kernel.spareCallQueue == nil)
    #expect(h.kernel.queuedCalls(u) == 2)
    for byte in 4...6 { _ = h.send(peer, a, .bytes([UInt8(byte)])) }
    _ = h.kernel.run { tags.allSatisfy { h.result($0) != nil } }
    #expect(tags.map { h.result($0)?.data } == (4...6).map { Payload.bytes([UInt8($0)]) })
    #expect(h.kernel.spareCallQueue != nil)
  }
}
