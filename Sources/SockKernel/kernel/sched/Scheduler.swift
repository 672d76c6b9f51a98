import SyscallVocabulary

/// Running tasks, sleeping and waking: `schedule`, `schedule_timeout`, `try_to_wake_up`.
///
/// Order at one instant (documented in docs/language.md): a call runs until it returns or
/// sleeps; tasks it woke run afterwards in the order they were woken; timers due at the
/// same instant fire in the order they were armed.
extension Kernel {
  /// Runs runnable tasks and fires timers in time order until `condition` holds (checked
  /// whenever nothing is runnable) or nothing is left that could ever run.
  public func run(until condition: () -> Bool) -> RunStop {
    while true {
      runRunnableTasks()
      if haltRequested {
        haltRequested = false
        return .halted
      }
      if condition() { return .satisfied }
      guard let next = timers.popEarliest() else { return .stalled }
      if next.expires > timeLimit {
        timers.modTimer(next.timer, expires: next.expires)
        return .timeLimit(next.expires)
      }
      clock.advance(to: next.expires)
      fire(next.timer)
    }
  }

  func makeRunnable(_ task: KernelTask) {
    guard !task.isQueued else { return }
    task.isQueued = true
    runQueue.append(task.id)
  }

  /// Stops the run in progress after the call running now: an observer of its events that
  /// must end the run (a limit passed) cannot wait for two tasks that keep waking each
  /// other at one instant to be done.
  public func halt() { haltRequested = true }

  private func runRunnableTasks() {
    while !haltRequested, let id = runQueue.popFirst() {
      let task = tasks[id.rawValue]
      task.isQueued = false
      runTask(task)
    }
  }

  /// Runs `task` until it sleeps or has nothing left to do.
  private func runTask(_ task: KernelTask) {
    // A thread of an ended process makes no call: what was queued for it is dropped.
    if task.isDead { task.pending.removeAll() }
    while task.sleeping == nil {
      if let call = task.current {
        step(call, of: task)
      } else if let next = task.pending.popFirst() {
        // The last queued call taken: its storage goes too (a Deque keeps its capacity),
        // or each of a million tasks that once queued a call kept some 130 bytes; the
        // kernel keeps one for the next task to queue a call (``Kernel/spareCallQueue``).
        if task.pending.isEmpty {
          if spareCallQueue == nil { spareCallQueue = task.pending }
          task.pending = []
        }
        step(begin(task, tag: next.tag, next.make()), of: task)
      } else {
        return
      }
    }
  }

  /// The task enters a system call: it becomes the task's call in progress.
  func begin(_ task: KernelTask, tag: Int, _ syscall: consuming Syscall) -> ActiveCall {
    nextCallID += 1
    let call = ActiveCall(id: nextCallID, tag: tag, task: task.id, syscall: syscall, startedAt: clock.now)
    task.current = call
    return call
  }

  /// Enters (or re-enters, after a sleep) the call's kernel code once.
  private func step(_ call: ActiveCall, of task: KernelTask) {
    enter(task)
    defer { leave() }
    switch dispatch(call) {
    case .done(var outcome):
      if outcome.restartable, let signal = dequeueSignal(task) {
        if task.group.caughtSignals[signal] ?? saRestartHandlers.contains(signal) {
          // The handler ran with SA_RESTART: the same call is made again from scratch,
          // after a return to user space that dropped its file.
          fdput(call)
          call.frame = CallFrame()
          emit(.restarted(call, after: signal))
          break
        }
        outcome.restartable = false
      }
      // Any signal still pending and not blocked is handled on the way back to user space.
      deliverSignals(task)
      task.current = nil
      fdput(call)
      emit(.returned(call, outcome, resumed: call.hasSlept))
      if let signal = outcome.raised { getSignal(task, signal) }
    case .sleep(let queue, let exclusive, let keyFilter, let timeout, let reason):
      let expire = scheduleTimeout(task, on: queue, exclusive: exclusive, keyFilter: keyFilter, timeout: timeout)
      let info = BlockInfo(
        queues: [queue.name], exclusive: exclusive, timeout: timeout,
        expiresAt: expire.map { clock.instant(ofTick: $0) }, reason: reason)
      emit(.blocked(call, info, again: call.hasSlept))
      call.hasSlept = true
    case .pollSleep(let queues, let timer, let reason, let exclusive, let entries):
      pollScheduleTimeout(task, queues: queues, timer: timer, entries: entries)
      let info = BlockInfo(
        queues: queues, exclusive: exclusive, timeout: MAX_SCHEDULE_TIMEOUT, expiresAt: timer?.expiresAt,
        hrtimer: timer, reason: reason)
      emit(.blocked(call, info, again: call.hasSlept))
      call.hasSlept = true
    case .notModelled(let what):
      task.current = nil
      fdput(call)
      emit(.notModelled(call, what))
    case .noReturn:
      // do_group_exit took the task's call away (killTask) and reported the end.
      break
    }
    // The collection the call's releases asked for, once, as the workqueue would run it.
    runRequestedGc()
    let wakes = deferredEvents
    deferredEvents.removeAll()
    wakes.forEach(emit)
  }

  func tryToWakeUp(_ task: KernelTask, exclusive: Bool, queue: WaitQueue) {
    guard let sleep = task.sleeping, let call = task.current else { return }
    timers.delTimer(task.timerIfMade)
    task.sleeping = nil
    call.frame.timeo = timeLeft(sleep)
    let waker = currentTask ?? task.id
    deferredEvents.append(.woken(call, by: waker, queue: queue.name, exclusive: exclusive))
    makeRunnable(task)
  }

  /// A timer went off: `process_timeout` wakes its sleeper with no time left; an alarm
  /// is recorded.
  private func fire(_ timer: KernelTimer) {
    switch timer.purpose {
    case .alarm(let id):
      firedAlarms.insert(id.rawValue)
    case .processTimeout(let id):
      let task = tasks[id.rawValue]
      guard let sleep = task.sleeping, let call = task.current else { return }
      sleep.finishWait()
      task.sleeping = nil
      call.frame.timeo = 0
      emit(.timedOut(call, queues: sleep.queues))
      makeRunnable(task)
    }
  }
}
