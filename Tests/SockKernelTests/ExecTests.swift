import SyscallVocabulary
import Testing

@testable import SockKernel

/// `execve` of the same program (fs/exec.c): `de_thread` ends the other threads, and
/// `do_close_on_exec` closes the descriptors marked FD_CLOEXEC.
@Suite("exec: de_thread and do_close_on_exec")
struct ExecTests {
  func fork(_ h: Harness, _ parent: TaskID) -> (pid: Int32, task: TaskID) {
    let outcome = h.call(parent, .fork)!
    return (Int32(outcome.value), outcome.child!)
  }

  /// The one `execed` event of the run.
  func execed(_ h: Harness) -> (pid: Int32, by: TaskID, ended: [TaskID], closed: [Int32])? {
    for event in h.events {
      if case .execed(let pid, let by, let ended, let closed) = event { return (pid, by, ended, closed) }
    }
    return nil
  }

  @Test("a descriptor marked FD_CLOEXEC is closed at exec; one without stays open at its number")
  func closesMarkedOnly() {
    let h = Harness()
    let p = h.task("p")
    let (a, _) = h.socketpair(p, .stream)
    let (c, _) = h.socketpair(p, .stream)
    let (_, child) = fork(h, p)
    #expect(h.call(child, .fcntl(fd: c, command: .F_SETFD, arg: FD_CLOEXEC)).returned == .value(0))
    #expect(h.call(child, .execve).returned == .value(0))
    #expect(execed(h)?.closed == [c])
    #expect(h.call(child, .fcntl(fd: c, command: .F_GETFD, arg: 0)).returned == .error(.EBADF))
    #expect(h.call(child, .fcntl(fd: a, command: .F_GETFD, arg: 0)).returned == .value(0))
    // The flag was the child's descriptor's: the parent's copy is open and unmarked.
    #expect(h.call(p, .fcntl(fd: c, command: .F_GETFD, arg: 0)).returned == .value(0))
    // The closed number is the lowest free one again.
    #expect(h.socket(child) == c)
  }

  @Test("the last reference closed at exec releases the socket: the peer blocked in recv sees end of file")
  func lastReferenceReleases() {
    let h = Harness()
    let p = h.task("p")
    let r = h.task("r")
    let (a, b) = h.socketpair(p, .stream)
    let (x, y) = h.socketpair(p, .stream)
    let (_, child) = fork(h, p)
    _ = h.call(child, .fcntl(fd: a, command: .F_SETFD, arg: FD_CLOEXEC))
    _ = h.call(child, .fcntl(fd: x, command: .F_SETFD, arg: FD_CLOEXEC))
    _ = h.call(p, .close(fd: a))
    let recv = h.start(r, .recv(fd: b, length: 10, flags: []))
    #expect(h.returned(recv) == .notReturned)
    let exec = h.start(child, .execve)
    #expect(h.woken(by: exec) == [recv])
    #expect(h.returned(recv) == .value(0))
    // x is still the parent's: its peer sees nothing.
    #expect(h.recv(p, y, 10).returned == .error(.EAGAIN))
  }

  @Test("exec by a thread that is not the first ends every other one; the pid stays; a blocked accept never returns")
  func endsOtherThreads() {
    let h = Harness()
    let p = h.task("p")
    let lfd = h.listener(p, "s.sock", backlog: 5)
    let (pid, child) = fork(h, p)
    let helper = h.kernel.spawn(name: "helper", alongside: child)
    let idle = h.kernel.spawn(name: "idle", alongside: child)
    let accept = h.start(child, .accept(fd: lfd, flags: 0))
    #expect(h.returned(accept) == .notReturned)
    #expect(h.call(helper, .execve).returned == .value(0))
    let event = execed(h)
    #expect(event?.pid == pid)
    #expect(event?.by == helper)
    #expect(event?.ended == [child, idle])
    #expect(h.kernel.isIdle(child))
    #expect(h.kernel.sleepingTasks().isEmpty)
    // A connection now waits for the caller's accept, which gets the descriptor the killed
    // accept had reserved (put_unused_fd gave it back).
    let c = h.task("c")
    #expect(h.connect(c, h.socket(c), "s.sock").returned == .value(0))
    #expect(h.returned(accept) == .notReturned)
    #expect(h.call(helper, .accept(fd: lfd, flags: 0)).returned == .value(4))
    // A killed thread makes no more calls; the process is still the parent's child 2.
    let late = h.start(child, .socket(type: .stream, protocol: 0))
    #expect(h.returned(late) == .notReturned)
    _ = h.call(helper, .exitGroup(status: 5))
    #expect(h.call(p, .wait4(pid: pid))?.waitStatus == .exited(5))
  }

  @Test("a listener marked FD_CLOEXEC held by a blocked accept in another thread is released at exec")
  func blockedAcceptOnCloexecListener() {
    let h = Harness()
    let p = h.task("p")
    let lfd = h.listener(p, "s.sock", backlog: 5)
    let (_, child) = fork(h, p)
    let helper = h.kernel.spawn(name: "helper", alongside: child)
    _ = h.call(p, .close(fd: lfd))
    _ = h.call(child, .fcntl(fd: lfd, command: .F_SETFD, arg: FD_CLOEXEC))
    let accept = h.start(helper, .accept(fd: lfd, flags: 0))
    #expect(h.call(child, .execve).returned == .value(0))
    #expect(h.returned(accept) == .notReturned)
    #expect(execed(h)?.closed == [lfd])
    // The killed accept dropped its file, the exec the last descriptor: no listener is left.
    let c = h.task("c")
    #expect(h.connect(c, h.socket(c), "s.sock").returned == .error(.ECONNREFUSED))
  }
}
