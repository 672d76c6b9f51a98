import SyscallVocabulary
import Testing

@testable import SockKernel

@Suite("who is woken: peer_wait and the listener's own queue")
struct WakeupTests {
  /// A listener with backlog 0 and one pending connection, plus `count` connectors blocked
  /// with SO_SNDTIMEO `timeout` seconds, started 10 ms apart.
  func blockedConnectors(_ h: Harness, count: Int, timeout: Int64) -> (listener: Int32, server: TaskID, tags: [Int]) {
    let server = h.task("server")
    let lfd = h.listener(server, "s.sock", backlog: 0)
    let c0 = h.task("c0")
    _ = h.call(c0, .connect(fd: h.socket(c0), address: .filesystem("s.sock")))
    var tags: [Int] = []
    for i in 1...count {
      let t = h.task("c\(i)")
      let fd = h.socket(t)
      _ = h.setSndtimeo(t, fd, timeout, 0)
      tags.append(h.start(t, .connect(fd: fd, address: .filesystem("s.sock"))))
      h.sleep(10 * ms)
    }
    return (lfd, server, tags)
  }

  @Test("accept wakes exactly one connector, the earliest, on peer_wait; the other times out unwoken")
  func acceptWakesOne() {
    let h = Harness()
    let (lfd, server, tags) = blockedConnectors(h, count: 2, timeout: 1)
    h.sleep(180 * ms)
    let accept = h.start(server, .accept(fd: lfd, flags: 0))
    #expect(h.returned(accept) == .value(7))  // the lowest free descriptor: 3 to 6 are taken
    let peerWait = h.kernel.sock(fd: lfd)!.peerWait.name
    #expect(h.wakeups == [Wakeup(woken: tags[0], by: accept, queue: peerWait, exclusive: true)])
    #expect(h.returned(tags[0]) == .value(0))
    #expect(h.time(tags[0]) == 200 * ms)
    #expect(h.returned(tags[1]) == .notReturned)
    _ = h.kernel.run { h.result(tags[1]) != nil }
    #expect(h.returned(tags[1]) == .error(.EAGAIN))
    #expect(h.time(tags[1]) == second + 8 * ms)  // started in tick 2 (at 10 ms), 250 ticks later
    #expect(h.wakeups.count == 1)
  }

  @Test("a larger listen wakes all: those that fit connect, the rest sleep on with the time left")
  func relistenWakesAll() {
    let h = Harness()
    let (lfd, server, tags) = blockedConnectors(h, count: 3, timeout: 2)
    let listen = h.start(server, .listen(fd: lfd, backlog: 2))
    #expect(h.returned(listen) == .value(0))
    #expect(h.woken(by: listen) == tags)
    #expect(h.returned(tags[0]) == .value(0))
    #expect(h.returned(tags[1]) == .value(0))
    #expect(h.returned(tags[2]) == .notReturned)
    _ = h.kernel.run { h.result(tags[2]) != nil }
    #expect(h.returned(tags[2]) == .error(.EAGAIN))
    #expect(h.time(tags[2]) == 2 * second + 20 * ms)  // its original deadline, not a new 2 s
  }

  @Test("listen with the same or a smaller backlog wakes nobody")
  func relistenSameWakesNobody() {
    let h = Harness()
    let (lfd, server, tags) = blockedConnectors(h, count: 1, timeout: 1)
    _ = h.call(server, .listen(fd: lfd, backlog: 0))
    #expect(!h.events.contains { if case .woken = $0 { true } else { false } })
    _ = h.kernel.run { h.result(tags[0]) != nil }
    #expect(h.time(tags[0]) == second)
  }

  @Test("closing the listener wakes all connectors: ECONNREFUSED, or ENOENT after unlink")
  func closeWakesConnectors() {
    for unlinkFirst in [false, true] {
      let h = Harness()
      let (lfd, server, tags) = blockedConnectors(h, count: 2, timeout: 2)
      if unlinkFirst { _ = h.call(server, .unlink(path: "s.sock")) }
      let close = h.start(server, .close(fd: lfd))
      #expect(h.returned(close) == .value(0))
      #expect(h.woken(by: close) == tags)
      let expected: Errno = unlinkFirst ? .ENOENT : .ECONNREFUSED
      #expect(tags.map { h.returned($0) } == [.error(expected), .error(expected)])
      #expect(tags.map { h.time($0) } == [20 * ms, 20 * ms])
    }
  }

  @Test("shutdown(SHUT_RD) of the listener wakes no connector: ECONNREFUSED at its timeout")
  func shutdownDoesNotWakeConnectors() {
    let h = Harness()
    let (lfd, server, tags) = blockedConnectors(h, count: 1, timeout: 1)
    let shutdown = h.start(server, .shutdown(fd: lfd, how: SHUT_RD))
    #expect(h.returned(shutdown) == .value(0))
    #expect(h.woken(by: shutdown) == [])
    #expect(h.returned(tags[0]) == .notReturned)
    _ = h.kernel.run { h.result(tags[0]) != nil }
    #expect(h.returned(tags[0]) == .error(.ECONNREFUSED))
    #expect(h.time(tags[0]) == second)
  }

  @Test("a connect wakes exactly one blocked accept, the first to sleep; shutdown(SHUT_RD) wakes the rest: EINVAL")
  func blockedAccepts() {
    let h = Harness()
    let server = h.task("server")
    let lfd = h.listener(server, "s.sock", backlog: 5)
    let a1 = h.start(h.task("a1"), .accept(fd: lfd, flags: 0))  // reserves descriptor 4
    let a2 = h.start(h.task("a2"), .accept(fd: lfd, flags: 0))  // and 5
    let a3 = h.start(h.task("a3"), .accept(fd: lfd, flags: 0))  // and 6
    h.sleep(100 * ms)
    let c = h.task("c")
    let connect = h.start(c, .connect(fd: h.socket(c), address: .filesystem("s.sock")))
    #expect(h.returned(connect) == .value(0))
    let sleepQueue = h.kernel.sock(fd: lfd)!.sleepQueue.name
    #expect(h.wakeups == [Wakeup(woken: a1, by: connect, queue: sleepQueue, exclusive: true)])
    #expect(h.returned(a1) == .value(4))
    #expect(h.returned(a2) == .notReturned)
    #expect(h.returned(a3) == .notReturned)
    let shutdown = h.start(server, .shutdown(fd: lfd, how: SHUT_RD))
    #expect(h.woken(by: shutdown) == [a2, a3])
    #expect(h.returned(a2) == .error(.EINVAL))
    #expect(h.returned(a3) == .error(.EINVAL))
  }

  @Test("accept: EAGAIN non-blocking, EAGAIN at SO_RCVTIMEO, EINVAL when not listening")
  func acceptErrors() {
    let h = Harness()
    let t = h.task("t")
    let lfd = h.listener(t, "s.sock", backlog: 5)
    _ = h.call(t, .setNonBlocking(fd: lfd, on: true))
    #expect(h.call(t, .accept(fd: lfd, flags: 0))?.errno == .EAGAIN)
    _ = h.call(t, .setNonBlocking(fd: lfd, on: false))
    _ = h.call(
      t, .setTimeout(fd: lfd, option: .SO_RCVTIMEO, value: Timeval(seconds: 0, microseconds: 300_000), optlen: 16))
    let tag = h.start(t, .accept(fd: lfd, flags: 0))
    _ = h.kernel.run { h.result(tag) != nil }
    #expect(h.returned(tag) == .error(.EAGAIN))
    #expect(h.time(tag) == 300 * ms)
    #expect(h.call(t, .accept(fd: h.socket(t), flags: 0))?.errno == .EINVAL)
    #expect(h.call(t, .accept(fd: lfd, flags: 1))?.errno == .EINVAL)
    #expect(h.call(t, .accept(fd: 99, flags: 0))?.errno == .EBADF)
  }

  @Test("closing a listener resets its unaccepted clients (embryo release)")
  func closeListenerResetsEmbryos() {
    let h = Harness()
    let server = h.task("server")
    let lfd = h.listener(server, "s.sock", backlog: 5)
    let c = h.task("c")
    let cfd = h.socket(c)
    _ = h.call(c, .connect(fd: cfd, address: .filesystem("s.sock")))
    let client = h.kernel.sock(fd: cfd)!
    _ = h.call(server, .close(fd: lfd))
    #expect(client.pendingError == .ECONNRESET)
    #expect(client.shutdown == .SHUTDOWN_MASK)
  }
}
