import SyscallVocabulary

/// Signals between the tasks of the process: `tgkill`, `signal_pending`, `sock_intr_errno`
/// and what happens to an interrupted call on the way back to user space.
extension Kernel {
  /// `tgkill` → `do_send_sig_info` → `complete_signal` → `signal_wake_up`: the signal
  /// becomes pending at `target`; unless `target` blocks it, a sleep in `TASK_INTERRUPTIBLE`
  /// ends at once (every sleep in AF_UNIX is interruptible). A blocked one stays pending,
  /// waking nobody, until the thread unblocks it.
  func sysTgkill(_ target: TaskID, _ signal: Signal) -> SyscallOutcome {
    guard target.rawValue >= 0, target.rawValue < tasks.count else {
      return .failure(.ESRCH, Reason("tgkill", "no thread \(target.rawValue)"))
    }
    let task = tasks[target.rawValue]
    if task.blocked.contains(signal) {
      task.pendingSignals.insert(SigSet(signal))
      return .success()
    }
    guard let call = task.current else {
      // Not in a system call: the handler runs when the thread next returns to user
      // space, which it does at once; nothing is observable.
      return .success()
    }
    task.pendingSignals.insert(SigSet(signal))
    if let sleep = task.sleeping {
      sleep.finishWait()
      timers.delTimer(task.timerIfMade)
      task.sleeping = nil
      call.frame.timeo = timeLeft(sleep)
      deferredEvents.append(.interrupted(call, by: signal))
      makeRunnable(task)
    }
    return .success()
  }

  /// `kill(pid, signal)` → `kill_pid_info`: `ESRCH` for no such process; an ended one (a
  /// zombie) takes the signal with no effect. SIGKILL and SIGTERM, whose action is the
  /// default, end the process (`do_group_exit` from `get_signal`); a signal with a handler
  /// goes to the thread `complete_signal` picks.
  func sysKill(pid: Int32, _ signal: Signal) -> SyscallOutcome {
    guard pid >= 1, Int(pid) <= processes.count else {
      return .failure(.ESRCH, Reason("kill_pid_info", "no process \(pid)"))
    }
    let group = processes[Int(pid) - 1]
    guard group.exitState == nil else { return .success() }
    // `prepare_signal` → `sig_ignored`: an ignored signal is dropped where it is sent.
    guard !group.ignoredSignals.contains(signal) else { return .success() }
    switch signal {
    case .SIGKILL, .SIGTERM, .SIGPIPE:
      doGroupExit(group, .killed(signal))
      return .success()
    case .SIGURG:
      // The default action ignores it (`sig_ignored`); a handler runs in the leader, which
      // takes it (`complete_signal`).
      return .success()
    case .SIGUSR1, .SIGUSR2:
      // Queued on the process (`shared_pending`) when no thread takes it now.
      guard let thread = completeSignal(group, signal) else {
        group.sharedPending.insert(SigSet(signal))
        sharedSignalsKept = true
        return .success()
      }
      return sysTgkill(thread, signal)
    }
  }

  /// `rt_sigaction` as far as the model needs it: whether the process's handler of `signal`
  /// has `SA_RESTART`, which turns a call's `-ERESTARTSYS` into a transparent restart.
  public func sigaction(_ signal: Signal, saRestart: Bool) {
    if saRestart { saRestartHandlers.insert(signal) } else { saRestartHandlers.remove(signal) }
  }

  /// `rt_sigaction(signal, handler)` by `task`'s process, with or without SA_RESTART: the
  /// action is the process's, shared by its threads.
  public func catchSignal(_ signal: Signal, saRestart: Bool, task: TaskID) {
    tasks[task.rawValue].group.caughtSignals[signal] = saRestart
  }

  /// `rt_sigaction(signal, SIG_IGN)` by `task`'s process (`do_sigaction`): the action is the
  /// process's, shared by its threads, and copied by a fork.
  public func ignoreSignal(_ signal: Signal, task: TaskID) {
    tasks[task.rawValue].group.ignoredSignals.insert(signal)
  }

  /// `get_signal` on the way back to user space, for the signal a call sent its own thread
  /// (`send_sig(SIGPIPE, current, 0)` of a write to a closed peer): SIGPIPE's default action
  /// ends the process (`do_group_exit`); ignored, it was never queued (`sig_ignored`).
  /// Process 1 is left to its caller: it is the script's own process, whose death by a
  /// signal is the end of the run (the session reports it, and a REPL goes on from there),
  /// as on the kernel backend, where process 1 is sockscript and survives.
  func getSignal(_ task: KernelTask, _ signal: Signal) {
    let group = task.group
    guard signal == .SIGPIPE, !group.ignoredSignals.contains(signal), group.pid != 1 else { return }
    doGroupExit(group, .killed(signal))
  }

  /// `signal_pending(current)`: a signal the thread does not block is pending for it or
  /// for its process.
  func signalPending() -> Bool {
    guard let id = currentTask else { return false }
    return hasUnblockedPending(tasks[id.rawValue])
  }
}
