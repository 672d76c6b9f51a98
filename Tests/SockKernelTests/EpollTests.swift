import SyscallVocabulary
import Testing

@testable import SockKernel

/// epoll (`fs/eventpoll.c`): `do_epoll_ctl`'s checks, `ep_insert`, `ep_send_events`,
/// `ep_poll`, `ep_poll_callback`, `eventpoll_release_file`.
@Suite("epoll: items, the ready list, waiters")
struct EpollTests {
  func create(_ h: Harness, _ p: TaskID) -> Int32 { Int32(h.call(p, .epollCreate(flags: 0))!.value) }
  func ctl(_ h: Harness, _ p: TaskID, _ ep: Int32, _ op: EpollOp, _ fd: Int32, _ events: PollMask) -> SyscallOutcome? {
    h.call(p, .epollCtl(epfd: ep, op: op, fd: fd, event: EpollEvent(events: events, data: UInt64(fd))))
  }
  func wait(_ h: Harness, _ p: TaskID, _ ep: Int32, max: Int32 = 8) -> [EpollEvent]? {
    h.call(p, .epollWait(epfd: ep, maxevents: max, timeoutMs: 0))?.epollEvents
  }

  @Test("level-triggered items are reported while ready; edge-triggered once per wake-up; one-shot once until MOD")
  func triggering() {
    let h = Harness()
    let p = h.task("p")
    let (a, b) = h.socketpair(p, .stream)
    let (c, d) = h.socketpair(p, .stream)
    let (x, y) = h.socketpair(p, .stream)
    let ep = create(h, p)
    _ = ctl(h, p, ep, .EPOLL_CTL_ADD, b, .EPOLLIN)
    _ = ctl(h, p, ep, .EPOLL_CTL_ADD, d, [.EPOLLIN, .EPOLLET])
    _ = ctl(h, p, ep, .EPOLL_CTL_ADD, y, [.EPOLLIN, .EPOLLONESHOT])
    for fd in [a, c, x] { _ = h.send(p, fd, .bytes([1])) }
    #expect(wait(h, p, ep)?.map(\.data) == [UInt64(b), UInt64(d), UInt64(y)])
    #expect(wait(h, p, ep)?.map(\.data) == [UInt64(b)])
    for fd in [a, c, x] { _ = h.send(p, fd, .bytes([1])) }
    #expect(wait(h, p, ep)?.map(\.data) == [UInt64(b), UInt64(d)])
    _ = ctl(h, p, ep, .EPOLL_CTL_MOD, y, [.EPOLLIN, .EPOLLONESHOT])
    #expect(wait(h, p, ep)?.map(\.data) == [UInt64(b), UInt64(y)])
  }

  @Test("epoll_ctl: EPERM, EINVAL, EEXIST, ENOENT, ELOOP in the kernel's order; ADD adds EPOLLERR|EPOLLHUP")
  func ctlErrors() {
    let h = Harness()
    let p = h.task("p")
    let (a, b) = h.socketpair(p, .stream)
    let ep = create(h, p)
    let other = create(h, p)
    #expect(ctl(h, p, ep, .EPOLL_CTL_ADD, ep, .EPOLLIN)?.errno == .EINVAL)
    #expect(ctl(h, p, a, .EPOLL_CTL_ADD, b, .EPOLLIN)?.errno == .EINVAL)
    #expect(ctl(h, p, ep, .EPOLL_CTL_ADD, 99, .EPOLLIN)?.errno == .EBADF)
    #expect(ctl(h, p, ep, .EPOLL_CTL_MOD, b, .EPOLLIN)?.errno == .ENOENT)
    #expect(ctl(h, p, ep, .EPOLL_CTL_ADD, b, [.EPOLLIN, .EPOLLRDHUP, .EPOLLEXCLUSIVE])?.errno == .EINVAL)
    #expect(ctl(h, p, ep, .EPOLL_CTL_ADD, b, .EPOLLRDHUP)?.value == 0)
    #expect(ctl(h, p, ep, .EPOLL_CTL_ADD, b, .EPOLLIN)?.errno == .EEXIST)
    _ = h.call(p, .close(fd: a))
    #expect(wait(h, p, ep)?.first?.events == [.EPOLLRDHUP, .EPOLLHUP])
    #expect(ctl(h, p, ep, .EPOLL_CTL_ADD, other, .EPOLLIN)?.value == 0)
    #expect(ctl(h, p, other, .EPOLL_CTL_ADD, ep, .EPOLLIN)?.errno == .ELOOP)
  }

  @Test("maxevents: the rest stay at the head of the ready list; a level-triggered item goes to its tail")
  func maxevents() {
    let h = Harness()
    let p = h.task("p")
    let (a, b) = h.socketpair(p, .stream)
    let (c, d) = h.socketpair(p, .stream)
    let ep = create(h, p)
    _ = ctl(h, p, ep, .EPOLL_CTL_ADD, b, .EPOLLIN)
    _ = ctl(h, p, ep, .EPOLL_CTL_ADD, d, .EPOLLIN)
    _ = h.send(p, a, .bytes([1]))
    _ = h.send(p, c, .bytes([1]))
    #expect(wait(h, p, ep, max: 1)?.map(\.data) == [UInt64(b)])
    #expect(wait(h, p, ep, max: 1)?.map(\.data) == [UInt64(d)])
    #expect(h.call(p, .epollWait(epfd: ep, maxevents: 0, timeoutMs: 0))?.errno == .EINVAL)
  }

  @Test("an item outlives the close of its descriptor while a dup holds the file, and goes with the file")
  func closeGotcha() {
    let h = Harness()
    let p = h.task("p")
    let (a, b) = h.socketpair(p, .stream)
    let dup = Int32(h.call(p, .dup(fd: b))!.value)
    let ep = create(h, p)
    _ = ctl(h, p, ep, .EPOLL_CTL_ADD, b, .EPOLLIN)
    _ = h.call(p, .close(fd: b))
    _ = h.send(p, a, .bytes([1]))
    #expect(wait(h, p, ep)?.map(\.data) == [UInt64(b)])
    #expect(ctl(h, p, ep, .EPOLL_CTL_DEL, dup, [])?.errno == .ENOENT)
    _ = h.call(p, .close(fd: dup))
    #expect(wait(h, p, ep) == [])
  }

  @Test("waiters are LIFO and exclusive: one edge-triggered event wakes the last to sleep")
  func lifoWaiters() {
    let h = Harness()
    let p = h.task("p")
    let t1 = h.task("t1")
    let t2 = h.task("t2")
    let (a, b) = h.socketpair(p, .stream)
    let ep = create(h, p)
    _ = ctl(h, p, ep, .EPOLL_CTL_ADD, b, [.EPOLLIN, .EPOLLET])
    let first = h.start(t1, .epollWait(epfd: ep, maxevents: 8, timeoutMs: 50))
    let second = h.start(t2, .epollWait(epfd: ep, maxevents: 8, timeoutMs: 50))
    _ = h.send(p, a, .bytes([1]))
    #expect(h.result(second)?.value == 1)
    #expect(h.result(first) == nil)
  }

  @Test("EPOLLEXCLUSIVE: one wake-up of a listener reaches one instance with a waiter")
  func exclusive() {
    for flags in [PollMask.EPOLLIN, [.EPOLLIN, .EPOLLEXCLUSIVE]] {
      let h = Harness()
      let p = h.task("p")
      let (w1, w2) = (h.task("w1"), h.task("w2"))
      let l = h.listener(p, "l.sock", backlog: 5)
      let (e1, e2) = (create(h, p), create(h, p))
      _ = ctl(h, p, e1, .EPOLL_CTL_ADD, l, flags)
      _ = ctl(h, p, e2, .EPOLL_CTL_ADD, l, flags)
      let one = h.start(w1, .epollWait(epfd: e1, maxevents: 8, timeoutMs: 50))
      let two = h.start(w2, .epollWait(epfd: e2, maxevents: 8, timeoutMs: 50))
      _ = h.connect(p, h.socket(p), "l.sock")
      let woken = [one, two].filter { h.result($0)?.value == 1 }.count
      #expect(woken == (flags.contains(.EPOLLEXCLUSIVE) ? 1 : 2))
    }
  }

  @Test("a nested instance is EPOLLIN when one of its items is ready, and wakes the outer one's waiter")
  func nested() {
    let h = Harness()
    let p = h.task("p")
    let t = h.task("t")
    let (a, b) = h.socketpair(p, .stream)
    let inner = create(h, p)
    let outer = create(h, p)
    _ = ctl(h, p, inner, .EPOLL_CTL_ADD, b, .EPOLLIN)
    _ = ctl(h, p, outer, .EPOLL_CTL_ADD, inner, .EPOLLIN)
    let tag = h.start(t, .epollWait(epfd: outer, maxevents: 8, timeoutMs: -1))
    _ = h.send(p, a, .bytes([1]))
    #expect(h.result(tag)?.epollEvents == [EpollEvent(events: .EPOLLIN, data: UInt64(inner))])
  }

  @Test("closing the epoll file removes its items from the files they watch (ep_clear_and_put)")
  func closeInstance() {
    let h = Harness()
    let p = h.task("p")
    let (a, b) = h.socketpair(p, .stream)
    let ep = create(h, p)
    _ = ctl(h, p, ep, .EPOLL_CTL_ADD, b, .EPOLLIN)
    let file = h.kernel.fdget(b)!
    #expect(file.epitems.count == 1)
    #expect((file as! SocketFile).sock.sleepQueue.count == 1)
    _ = h.call(p, .close(fd: ep))
    #expect(file.epitems.isEmpty)
    #expect((file as! SocketFile).sock.sleepQueue.count == 0)
    // A wake-up of the socket now reaches no callback of the gone instance.
    #expect(h.send(p, a, .bytes([1]))?.value == 1)
  }
}
