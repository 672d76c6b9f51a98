import SyscallVocabulary

/// Ending processes and waiting for them (`kernel/exit.c`).
extension Kernel {
  /// `do_group_exit`: the process ends. Its other threads are killed where they are
  /// (`zap_other_threads`; a call asleep never returns), its descriptors are closed
  /// (`exit_files`: the last reference to the table closes every file, lowest first, which
  /// is when peers see end of file), and its parent's `wait4` sleepers are woken
  /// (`exit_notify` → `do_notify_parent` → `__wake_up_parent`). The end is reported before
  /// the wake-ups it causes.
  func doGroupExit(_ group: TaskGroup, _ end: ProcessEnd) {
    guard group.exitState == nil else { return }
    group.exitState = end
    deferredEvents.append(.processEnded(pid: group.pid, tasks: group.threads, end: end))
    for id in group.threads { killTask(tasks[id.rawValue]) }
    closeFiles(group.files)
    forgetOriginalParent(group)
    if let parent = group.parent { doNotifyParent(group, parent) }
  }

  /// `do_notify_parent` → `__wake_up_parent`: an ended child is there for its parent's
  /// `wait4`, whose sleepers wake.
  private func doNotifyParent(_ child: TaskGroup, _ parent: TaskGroup) {
    parent.endedChildren.insert(ChildPosition(child))
    wakeUp(parent.waitChldexit, nrExclusive: 1)
  }

  /// `exit_notify` → `forget_original_parent`: the children of an ending process, in the
  /// order of its list, go to the end of their new reaper's (`find_new_reaper`,
  /// `reparent_leader`), and one that has ended already is reported to it. The reaper is
  /// process 1, the script's own, which is the child subreaper of every process the script
  /// forks (`PR_SET_CHILD_SUBREAPER`, as sockscript is on the kernel backend), so its
  /// `wait4` reaps orphans; a C program's orphans would go to init.
  func forgetOriginalParent(_ group: TaskGroup) {
    let reaper = processes[0]
    guard group !== reaper, !group.children.isEmpty else { return }
    let orphans = group.children.values.sorted { $0.sibling < $1.sibling }
    group.children.removeAll()
    for orphan in orphans {
      adopt(orphan, by: reaper)
      if orphan.exitState != nil { doNotifyParent(orphan, reaper) }
    }
  }

  /// Links `child` at the end of `parent`'s `children` (`list_add_tail`, `list_move_tail`).
  func adopt(_ child: TaskGroup, by parent: TaskGroup) {
    nextSibling += 1
    child.sibling = nextSibling
    child.parent = parent
    parent.children[child.pid] = child
  }

  /// A thread of an ending process stops: a sleeping call leaves its queues and timer, and
  /// drops the files it held; nothing it had queued runs.
  func killTask(_ task: KernelTask) {
    task.isDead = true
    task.pending.removeAll()
    task.pendingSignals = []
    task.savedSigmask = nil
    guard let call = task.current else { return }
    if let sleep = task.sleeping {
      sleep.finishWait()
      timers.delTimer(task.timerIfMade)
      task.sleeping = nil
    }
    if let poll = call.frame.poll { pollFreewait(poll) }
    // The fatal signal's way out of an `accept` gives back the descriptor it had reserved
    // (`put_unused_fd`), which matters where the table outlives the thread (`de_thread`).
    if let fd = call.frame.reservedDescriptor, task.group.files.reservedDescriptors.remove(fd) != nil {
      task.group.files.freeDescriptors.insert(fd)
    }
    // The fatal signal's way out of a send frees the datagram it held and drops the files
    // of its control message (`out_free:`, `scm_destroy`).
    if let skb = call.frame.skb {
      call.frame.skb = nil
      consumeSkb(skb)
    }
    scmDestroy(&call.frame.scm)
    task.current = nil
    fdput(call)
  }

  /// The ended child `wait4(pid)` reaps: that one if it has ended, or for -1 the earliest
  /// forked of those that have (skipping pids already reaped by their own `wait4`).
  private func endedChild(of group: TaskGroup, pid: Int32) -> TaskGroup? {
    if pid != -1 { return group.children[pid].flatMap { $0.exitState == nil ? nil : $0 } }
    while let first = group.endedChildren.min {
      if let child = group.children[first.pid], child.sibling == first.sibling { return child }
      _ = group.endedChildren.popMin()
    }
    return nil
  }

  /// `exit_group(status)` by `task`.
  func sysExitGroup(_ task: KernelTask, status: Int32) -> SyscallStep {
    // do_exit reports `(status & 0xff) << 8`; WEXITSTATUS reads back the low byte.
    doGroupExit(task.group, .exited(status & 0xff))
    // A process that had ended already takes its straggler with it.
    killTask(task)
    return .noReturn
  }

  /// `kernel_wait4` → `do_wait`: reaps a child that has ended (`wait_task_zombie`), in fork
  /// order; otherwise sleeps on the process's `wait_chldexit` until one does. `ECHILD` when
  /// no child matches `pid` (-1: any).
  func kernelWait4(_ task: KernelTask, pid: Int32, frame: inout CallFrame) -> SyscallStep {
    let group = task.group
    if pid == -1 ? group.children.isEmpty : group.children[pid] == nil {
      return .done(
        .failure(.ECHILD, Reason("do_wait", pid == -1 ? "no child" : "pid \(pid) is no child of the caller")))
    }
    if let zombie = endedChild(of: group, pid: pid) {
      group.children[zombie.pid] = nil
      var outcome = SyscallOutcome.success(Int64(zombie.pid))
      outcome.waitStatus = zombie.exitState
      return .done(outcome)
    }
    if signalPending() {
      var outcome = SyscallOutcome.failure(.EINTR, Reason("do_wait", "signal_pending: -ERESTARTSYS"))
      outcome.restartable = true
      return .done(outcome)
    }
    return .sleep(
      on: group.waitChldexit, exclusive: false, keyFilter: nil, timeout: MAX_SCHEDULE_TIMEOUT,
      reason: Reason("do_wait", "no child of pid \(group.pid) has ended yet"))
  }
}
