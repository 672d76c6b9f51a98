import SyscallVocabulary
import Testing

@testable import SockKernel

/// Processes: fork copies the descriptor table, exit closes it, wait4 reaps, kill ends.
@Suite("processes: fork, exit_group, wait4, kill, setuid, setgid")
struct ProcessTests {
  /// Forks `parent`'s process; returns the child's pid and thread.
  func fork(_ h: Harness, _ parent: TaskID) -> (pid: Int32, task: TaskID) {
    let outcome = h.call(parent, .fork)!
    return (Int32(outcome.value), outcome.child!)
  }

  @Test("fork numbers children 2, 3, … and the child has the parent's descriptors, the same open files")
  func forkCopiesTable() {
    let h = Harness()
    let p = h.task("p")
    let (a, b) = h.socketpair(p, .stream)
    let (pid, child) = fork(h, p)
    #expect(pid == 2)
    #expect(fork(h, p).pid == 3)
    // The child sends on its copy of `a`; the parent reads it from `b`.
    #expect(h.send(child, a, .bytes([1]), flags: []).returned == .value(1))
    #expect(h.recv(p, b, 1).returned == .value(1))
    // A new descriptor in the child is the lowest free one of the child's table.
    #expect(h.socket(child) == 5)
  }

  @Test("a call uses its own process's descriptor table, and process 1's is the kernel's again after it")
  func callUsesItsProcessTable() {
    let h = Harness()
    let p = h.task("p")
    _ = h.socketpair(p, .stream)
    let (_, child) = fork(h, p)
    // Each table hands out its own lowest free descriptor: 5 in the child, then 5 in the parent.
    #expect(h.socket(child) == 5)
    #expect(h.kernel.currentTask == nil)
    #expect(h.kernel.fileTable === h.kernel.processes[0].files)
    #expect(h.socket(p) == 5)
    #expect(h.socket(child) == 6)
  }

  @Test("a close in the child leaves the parent's descriptor; the last close releases the socket")
  func closeInChild() {
    let h = Harness()
    let p = h.task("p")
    let (a, b) = h.socketpair(p, .stream)
    let (_, child) = fork(h, p)
    #expect(h.call(child, .close(fd: a)).returned == .value(0))
    #expect(h.send(p, a, .bytes([1]), flags: []).returned == .value(1))
    #expect(h.call(p, .close(fd: a)).returned == .value(0))
    // Both references gone: the peer reads the byte, then end of file.
    #expect(h.recv(p, b, 10).returned == .value(1))
    #expect(h.recv(p, b, 10).returned == .value(0))
  }

  @Test("exit closes the child's descriptors (the peer sees end of file) and wait4 reaps its status")
  func exitAndWait() {
    let h = Harness()
    let p = h.task("p")
    let (a, b) = h.socketpair(p, .stream)
    let (pid, child) = fork(h, p)
    _ = h.call(p, .close(fd: a))
    let wait = h.start(p, .wait4(pid: -1))
    #expect(h.returned(wait) == .notReturned)
    let exit = h.start(child, .exitGroup(status: 3))
    #expect(h.returned(exit) == .notReturned)
    #expect(h.events.contains { if case .processEnded(2, [child], .exited(3)) = $0 { true } else { false } })
    #expect(h.woken(by: exit) == [wait])
    #expect(h.returned(wait) == .value(Int64(pid)))
    #expect(h.result(wait)?.waitStatus == .exited(3))
    #expect(h.recv(p, b, 10).returned == .value(0))
    #expect(h.kernel.isIdle(child))
    // Reaped: no child is left.
    #expect(h.call(p, .wait4(pid: -1)).returned == .error(.ECHILD))
  }

  @Test("a thread spawned in a process that has ended is as ended as the threads its exit killed: it makes no call")
  func spawnInEndedProcess() {
    let h = Harness()
    let p = h.task("p")
    let (_, child) = fork(h, p)
    _ = h.start(child, .exitGroup(status: 0))
    let late = h.kernel.spawn(name: "late", alongside: child)
    #expect(h.kernel.tasks[late.rawValue].isDead)
    #expect(h.kernel.tasks[late.rawValue].group === h.kernel.tasks[child.rawValue].group)
    let call = h.start(late, .nanosleep(Nanoseconds(1_000_000)))
    _ = h.kernel.run { false }
    #expect(h.result(call) == nil)
    #expect(h.kernel.isIdle(late))
    // A thread spawned in a live process is not.
    #expect(!h.kernel.tasks[h.kernel.spawn(name: "alive", alongside: p).rawValue].isDead)
  }

  @Test("wait4 for a pid that is no child fails with ECHILD; an ended child is reaped at once, in fork order")
  func waitOrder() {
    let h = Harness()
    let p = h.task("p")
    #expect(h.call(p, .wait4(pid: -1)).returned == .error(.ECHILD))
    let (first, c1) = fork(h, p)
    let (second, c2) = fork(h, p)
    #expect(h.call(p, .wait4(pid: 7)).returned == .error(.ECHILD))
    _ = h.start(c2, .exitGroup(status: 2))
    _ = h.start(c1, .exitGroup(status: 1))
    #expect(h.call(p, .wait4(pid: -1)).returned == .value(Int64(first)))
    #expect(h.call(p, .wait4(pid: second))?.waitStatus == .exited(2))
  }

  @Test("orphans go to process 1 at the end of its list: wait4(-1) reaps in list order, not pid order")
  func orphansGoToProcessOne() {
    let h = Harness()
    let p = h.task("p")
    let (c, child) = fork(h, p)
    let (g, grandchild) = fork(h, child)
    let (d, other) = fork(h, p)
    _ = h.start(grandchild, .exitGroup(status: 3))
    _ = h.start(other, .exitGroup(status: 4))
    // Before its parent ends, the grandchild is no child of process 1.
    #expect(h.call(p, .wait4(pid: g)).returned == .error(.ECHILD))
    _ = h.start(child, .exitGroup(status: 2))
    #expect(h.call(p, .wait4(pid: -1)).returned == .value(Int64(c)))
    #expect(h.call(p, .wait4(pid: -1)).returned == .value(Int64(d)))
    #expect(h.call(p, .wait4(pid: -1))?.waitStatus == .exited(3))
    #expect(h.call(p, .wait4(pid: -1)).returned == .error(.ECHILD))
  }

  @Test("a live orphan's end wakes process 1's wait4")
  func liveOrphanWakesProcessOne() {
    let h = Harness()
    let p = h.task("p")
    let (_, child) = fork(h, p)
    let (g, grandchild) = fork(h, child)
    _ = h.start(child, .exitGroup(status: 0))
    _ = h.call(p, .wait4(pid: -1))
    let wait = h.start(p, .wait4(pid: -1))
    #expect(h.returned(wait) == .notReturned)
    let exit = h.start(grandchild, .exitGroup(status: 5))
    #expect(h.woken(by: exit) == [wait])
    #expect(h.returned(wait) == .value(Int64(g)))
  }

  @Test("kill SIGTERM ends a child blocked in accept; its call never returns; ESRCH for no such process")
  func killEndsBlockedCall() {
    let h = Harness()
    let p = h.task("p")
    let lfd = h.listener(p, "s.sock", backlog: 5)
    let (pid, child) = fork(h, p)
    let accept = h.start(child, .accept(fd: lfd, flags: 0))
    #expect(h.call(p, .killProcess(pid: pid, signal: .SIGTERM)).returned == .value(0))
    #expect(h.returned(accept) == .notReturned)
    #expect(h.kernel.isIdle(child))
    #expect(h.call(p, .wait4(pid: pid))?.waitStatus == .killed(.SIGTERM))
    // The listener is still the parent's: a connection waits for its accept.
    let c = h.task("c")
    #expect(h.connect(c, h.socket(c), "s.sock").returned == .value(0))
    #expect(h.call(p, .killProcess(pid: 9, signal: .SIGTERM)).returned == .error(.ESRCH))
  }

  @Test("pre-fork: children blocked in accept on an inherited listener; a connection wakes exactly one")
  func preforkAccept() {
    let h = Harness()
    let p = h.task("p")
    let lfd = h.listener(p, "s.sock", backlog: 5)
    let accepts = (0..<3).map { _ in h.start(fork(h, p).task, .accept(fd: lfd, flags: 0)) }
    let c = h.task("c")
    let connect = h.start(c, .connect(fd: h.socket(c), address: .filesystem("s.sock")))
    #expect(h.woken(by: connect) == [accepts[0]])
    #expect(h.returned(accepts[0]) == .value(4))
    #expect(h.returned(accepts[1]) == .notReturned)
  }

  @Test("setuid by root sets the uid and drops root: setgid then needs the gid it has")
  func credentials() {
    let h = Harness()
    let p = h.task("p")
    let (_, child) = fork(h, p)
    #expect(h.call(child, .setgid(100)).returned == .value(0))
    #expect(h.call(child, .setuid(1000)).returned == .value(0))
    #expect(h.call(child, .setuid(0)).returned == .error(.EPERM))
    #expect(h.call(child, .setuid(1000)).returned == .value(0))
    #expect(h.call(child, .setgid(0)).returned == .error(.EPERM))
    #expect(h.call(child, .setgid(100)).returned == .value(0))
    // The parent's credentials are its own.
    #expect(h.call(p, .setuid(0)).returned == .value(0))
  }

  @Test("a thread started in a child shares the child's table, not the parent's")
  func threadInChild() {
    let h = Harness()
    let p = h.task("p")
    let (_, child) = fork(h, p)
    let helper = h.kernel.spawn(name: "helper", alongside: child)
    let fd = h.socket(helper)
    #expect(fd == 3)
    #expect(h.call(child, .close(fd: fd)).returned == .value(0))
    #expect(h.call(p, .close(fd: fd)).returned == .error(.EBADF))
  }

  @Test("an ended process's thread makes no call: a second exit_group ends it too, a queued call is dropped")
  func endedThreadMakesNoCall() {
    let h = Harness()
    let p = h.task("p")
    let (_, child) = fork(h, p)
    _ = h.start(child, .exitGroup(status: 0))
    let again = h.start(child, .exitGroup(status: 1))
    #expect(h.kernel.isIdle(child))
    #expect(h.returned(again) == .notReturned)
    let socket = h.start(child, .socket(type: .stream, protocol: 0))
    #expect(h.returned(socket) == .notReturned)
    #expect(h.kernel.isIdle(child))
    #expect(h.call(p, .wait4(pid: -1))?.waitStatus == .exited(0))
  }

  @Test("clock_nanosleep ends at its duration plus the 50 µs timer slack; a signal ends it with EINTR")
  func nanosleep() {
    let h = Harness()
    let t = h.task("t")
    let sleep = h.start(t, .nanosleep(100 * ms))
    _ = h.kernel.run { h.result(sleep) != nil }
    #expect(h.returned(sleep) == .value(0))
    #expect(h.time(sleep) == 100 * ms + 50_000)
    let interrupted = h.start(t, .nanosleep(second))
    h.sleep(10 * ms)
    _ = h.call(h.task("main"), .kill(task: t, signal: .SIGUSR2))
    #expect(h.returned(interrupted) == .error(.EINTR))
  }
}
