import SyscallVocabulary
import Testing

@testable import SockKernel

/// Blocked signals (`kernel/signal.c`): `rt_sigprocmask`, `set_user_sigmask` and
/// `restore_saved_sigmask_unless` around `ppoll`, `pselect6`, `epoll_pwait`, and
/// `complete_signal`'s choice of thread.
@Suite("signal masks: blocked signals stay pending, the masks of ppoll, pselect6 and epoll_pwait")
struct SignalMaskTests {
  static let ms: Nanoseconds = 1_000_000

  func ppoll(_ fd: Int32, timeout: Nanoseconds? = 10 * ms, sigmask: SigSet?) -> Syscall {
    .ppoll(fds: [PollRequest(fd: fd, events: .EPOLLIN)], timeout: timeout, sigmask: sigmask)
  }

  @Test("tgkill of a blocked signal neither wakes nor interrupts; unblocking it delivers it")
  func blockedStaysPending() {
    let h = Harness()
    let t = h.task("t")
    let main = h.task("main")
    let (a, _) = h.socketpair(t, .stream)
    _ = h.call(t, .sigprocmask(how: .SIG_BLOCK, set: SigSet(.SIGUSR1)))
    let tag = h.start(t, ppoll(a, sigmask: nil))
    _ = h.call(main, .kill(task: t, signal: .SIGUSR1))
    _ = h.kernel.run { true }
    #expect(h.result(tag) == nil)
    _ = h.kernel.run { h.result(tag) != nil }
    #expect(h.result(tag)?.value == 0)
    #expect(h.kernel.tasks[t.rawValue].pendingSignals == SigSet(.SIGUSR1))
    _ = h.call(t, .sigprocmask(how: .SIG_UNBLOCK, set: SigSet(.SIGUSR1)))
    #expect(h.kernel.tasks[t.rawValue].pendingSignals.isEmpty)
    #expect(h.call(t, ppoll(a, sigmask: []))?.value == 0)
  }

  @Test("a mask that unblocks a pending signal: EINTR before sleeping; the thread's mask is back afterwards")
  func temporaryMask() {
    for call in ["ppoll", "pselect6", "epoll_pwait"] {
      let h = Harness()
      let t = h.task("t")
      let main = h.task("main")
      let (a, _) = h.socketpair(t, .stream)
      let ep = Int32(h.call(t, .epollCreate(flags: 0))!.value)
      _ = h.call(t, .epollCtl(epfd: ep, op: .EPOLL_CTL_ADD, fd: a, event: EpollEvent(events: .EPOLLIN, data: 0)))
      func make(_ mask: SigSet) -> Syscall {
        switch call {
        case "ppoll": ppoll(a, sigmask: mask)
        case "pselect6":
          .select(
            SelectRequest(
              variant: .pselect6, nfds: a + 1, read: [a], write: nil, except: nil, timeout: 10 * Self.ms,
              sigmask: mask))
        default: .epollPwait(epfd: ep, maxevents: 8, timeoutMs: 10, sigmask: mask)
        }
      }
      _ = h.call(t, .sigprocmask(how: .SIG_BLOCK, set: SigSet([.SIGUSR1, .SIGUSR2])))
      _ = h.call(main, .kill(task: t, signal: .SIGUSR1))
      // A mask that still blocks SIGUSR1: the call sleeps its timeout, the signal stays.
      #expect(h.call(t, make(SigSet(.SIGUSR1)))?.value == 0, "\(call)")
      #expect(h.kernel.tasks[t.rawValue].blocked == SigSet([.SIGUSR1, .SIGUSR2]), "\(call)")
      #expect(h.call(t, make([]))?.errno == .EINTR, "\(call)")
      #expect(h.kernel.tasks[t.rawValue].pendingSignals.isEmpty, "\(call)")
      #expect(h.kernel.tasks[t.rawValue].blocked == SigSet([.SIGUSR1, .SIGUSR2]), "\(call)")
      #expect(h.kernel.tasks[t.rawValue].savedSigmask == nil, "\(call)")
    }
  }

  @Test("a call that finds events returns them, and a signal its mask let through stays pending")
  func readyKeepsPending() {
    let h = Harness()
    let t = h.task("t")
    let main = h.task("main")
    let (a, b) = h.socketpair(t, .stream)
    _ = h.call(t, .sigprocmask(how: .SIG_BLOCK, set: SigSet(.SIGUSR1)))
    _ = h.call(main, .kill(task: t, signal: .SIGUSR1))
    _ = h.send(t, b, .bytes([1]))
    #expect(h.call(t, ppoll(a, sigmask: []))?.value == 1)
    #expect(h.kernel.tasks[t.rawValue].pendingSignals == SigSet(.SIGUSR1))
  }

  @Test("epoll_pwait with a zero timeout returns 0 before looking at signals; ppoll returns EINTR")
  func zeroTimeoutOrder() {
    let h = Harness()
    let t = h.task("t")
    let main = h.task("main")
    let (a, _) = h.socketpair(t, .stream)
    let ep = Int32(h.call(t, .epollCreate(flags: 0))!.value)
    _ = h.call(t, .epollCtl(epfd: ep, op: .EPOLL_CTL_ADD, fd: a, event: EpollEvent(events: .EPOLLIN, data: 0)))
    _ = h.call(t, .sigprocmask(how: .SIG_BLOCK, set: SigSet(.SIGUSR1)))
    _ = h.call(main, .kill(task: t, signal: .SIGUSR1))
    #expect(h.call(t, .epollPwait(epfd: ep, maxevents: 8, timeoutMs: 0, sigmask: []))?.value == 0)
    #expect(h.call(t, ppoll(a, timeout: 0, sigmask: []))?.errno == .EINTR)
  }

  @Test("kill: the leader if it does not block the signal, else another thread, else the process keeps it")
  func completeSignal() {
    let h = Harness()
    let parent = h.task("main")
    let fork = h.call(parent, .fork)!
    let leader = fork.child!
    let pid = Int32(fork.value)
    let (a, _) = h.socketpair(leader, .stream)
    let other = h.kernel.spawn(name: "other", alongside: leader)
    _ = h.call(leader, .sigprocmask(how: .SIG_BLOCK, set: SigSet(.SIGUSR1)))
    let asleep = h.start(other, ppoll(a, timeout: nil, sigmask: nil))
    _ = h.call(parent, .killProcess(pid: pid, signal: .SIGUSR1))
    #expect(h.result(asleep)?.errno == .EINTR)
    _ = h.call(other, .sigprocmask(how: .SIG_BLOCK, set: SigSet(.SIGUSR1)))
    _ = h.call(parent, .killProcess(pid: pid, signal: .SIGUSR1))
    #expect(h.kernel.processes[1].sharedPending == SigSet(.SIGUSR1))
    #expect(h.call(leader, ppoll(a, sigmask: []))?.errno == .EINTR)
    #expect(h.kernel.processes[1].sharedPending.isEmpty)
  }

  @Test("a fork copies the caller's mask; SIG_SETMASK replaces it; SIGKILL cannot be blocked")
  func forkCopiesMask() {
    let h = Harness()
    let parent = h.task("main")
    _ = h.call(parent, .sigprocmask(how: .SIG_BLOCK, set: SigSet([.SIGUSR2, .SIGKILL])))
    #expect(h.kernel.tasks[parent.rawValue].blocked == SigSet(.SIGUSR2))
    let child = h.call(parent, .fork)!.child!
    #expect(h.kernel.tasks[child.rawValue].blocked == SigSet(.SIGUSR2))
    #expect(h.kernel.tasks[child.rawValue].pendingSignals.isEmpty)
    _ = h.call(child, .sigprocmask(how: .SIG_SETMASK, set: SigSet([.SIGUSR1, .SIGKILL])))
    #expect(h.kernel.tasks[child.rawValue].blocked == SigSet(.SIGUSR1))
    _ = h.call(child, .sigprocmask(how: .SIG_UNBLOCK, set: SigSet(.SIGUSR1)))
    #expect(h.kernel.tasks[child.rawValue].blocked.isEmpty)
  }
}
