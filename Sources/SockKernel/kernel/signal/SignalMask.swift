import SyscallVocabulary

/// Blocked signals (`kernel/signal.c`): `rt_sigprocmask`, the temporary mask of `ppoll`,
/// `pselect6` and `epoll_pwait` (`set_user_sigmask`, `restore_saved_sigmask_unless`),
/// which thread takes a process-directed signal (`complete_signal`), and the delivery of
/// what is pending on the way back to user space (`get_signal`).
extension Kernel {
  /// `rt_sigprocmask` → `sigprocmask` → `__set_current_blocked`: SIGKILL cannot be blocked
  /// (`sigdelsetmask`, silently). A signal it unblocks is taken on the way back to user space.
  func sysRtSigprocmask(_ task: KernelTask, how: SigprocmaskHow, set: SigSet) -> SyscallOutcome {
    let signals = set.subtracting(SigSet(.SIGKILL))
    switch how {
    case .SIG_BLOCK: task.blocked.formUnion(signals)
    case .SIG_UNBLOCK: task.blocked.subtract(signals)
    case .SIG_SETMASK: task.blocked = signals
    }
    return .success()
  }

  /// `set_user_sigmask`: the call sleeps with `mask` in place of the thread's own, which is
  /// saved (`saved_sigmask`) to be put back on the way out. A NULL mask changes nothing.
  func setUserSigmask(_ mask: SigSet?) {
    guard let mask, let id = currentTask else { return }
    let task = tasks[id.rawValue]
    task.savedSigmask = task.blocked
    task.blocked = mask.subtracting(SigSet(.SIGKILL))
  }

  /// `restore_saved_sigmask_unless(interrupted)`: a call that returns normally puts the
  /// thread's mask back before returning, so what its mask blocks stays pending; one a signal
  /// interrupted keeps the temporary mask until that signal's handler has run
  /// (``deliverSignals(_:)``).
  func restoreSavedSigmaskUnless(_ interrupted: Bool) {
    guard !interrupted, let id = currentTask else { return }
    let task = tasks[id.rawValue]
    if let saved = task.savedSigmask {
      task.blocked = saved
      task.savedSigmask = nil
    }
  }

  /// `task_sigpending`: a signal `task` does not block is pending for it or its process.
  /// (A process's set is looked at only once some process has kept a signal: the check runs
  /// on every call's way out.)
  func hasUnblockedPending(_ task: KernelTask) -> Bool {
    if !task.pendingSignals.isSubset(of: task.blocked) { return true }
    return sharedSignalsKept && !task.group.sharedPending.isSubset(of: task.blocked)
  }

  /// `next_signal` as `dequeue_signal` uses it: the lowest-numbered pending signal `task`
  /// does not block, its own before its process's; nil for none. Taken off its set.
  func dequeueSignal(_ task: KernelTask) -> Signal? {
    if let signal = task.pendingSignals.subtracting(task.blocked).lowest {
      task.pendingSignals.remove(SigSet(signal))
      return signal
    }
    guard sharedSignalsKept, let signal = task.group.sharedPending.subtracting(task.blocked).lowest else { return nil }
    task.group.sharedPending.remove(SigSet(signal))
    return signal
  }

  /// `get_signal` on the way back to user space, then `restore_saved_sigmask`: every
  /// pending signal the thread does not block is taken (its handler runs, which the trace
  /// does not show: the model's signals with a pending state all have handlers or are
  /// ignored); then a temporary mask left by an interrupted call is replaced by the
  /// thread's own, under which what it blocks stays pending.
  func deliverSignals(_ task: KernelTask) {
    // The way out of every call: nothing to do for a thread with nothing pending.
    guard !task.pendingSignals.isEmpty || task.savedSigmask != nil || sharedSignalsKept else { return }
    while dequeueSignal(task) != nil {}
    if let saved = task.savedSigmask {
      task.blocked = saved
      task.savedSigmask = nil
    }
  }

  /// `wants_signal`: a thread takes a signal it does not block, unless it is ending or
  /// already has a signal to take.
  private func wantsSignal(_ signal: Signal, _ task: KernelTask) -> Bool {
    !task.isDead && !task.blocked.contains(signal) && !hasUnblockedPending(task)
  }

  /// `complete_signal` for a process-directed signal: the leader if it wants it, else the
  /// first thread from `curr_target` on that does (which becomes `curr_target`); nil when
  /// none does, and the signal stays on the process.
  func completeSignal(_ group: TaskGroup, _ signal: Signal) -> TaskID? {
    guard let leader = group.threads.first else { return nil }
    if wantsSignal(signal, tasks[leader.rawValue]) { return leader }
    guard group.threads.count > 1 else { return nil }
    let start = group.currTarget < group.threads.count ? group.currTarget : 0
    var index = start
    repeat {
      if wantsSignal(signal, tasks[group.threads[index].rawValue]) {
        group.currTarget = index
        return group.threads[index]
      }
      index = (index + 1) % group.threads.count
    } while index != start
    return nil
  }
}
