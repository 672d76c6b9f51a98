import SyscallVocabulary

/// Sleeping with a timeout (`kernel/time/sleep_timeout.c`).
extension Kernel {
  /// `prepare_to_wait[_exclusive]` + `schedule_timeout`: puts `task` to sleep on `queue`,
  /// arming its timer at `jiffies + timeout` unless the timeout is `MAX_SCHEDULE_TIMEOUT`.
  /// Returns the expiry jiffy.
  func scheduleTimeout(
    _ task: KernelTask, on queue: WaitQueue, exclusive: Bool, keyFilter: PollMask?, timeout: Jiffies
  ) -> Jiffies? {
    precondition(timeout > 0, "callers never sleep with a zero timeout")
    let entry = WaitQueueEntry(task: task.id, exclusive: exclusive, keyFilter: keyFilter)
    queue.add(entry)
    var expire: Jiffies?
    if timeout != MAX_SCHEDULE_TIMEOUT {
      let (sum, overflow) = clock.jiffies.addingReportingOverflow(timeout)
      let tick = overflow ? Jiffies.max : sum
      expire = tick
      timers.modTimer(task.timer, expires: clock.instant(ofTick: tick))
    }
    task.sleeping = SleepState(
      entries: [entry], queues: [queue.name], expire: expire, expiresAt: expire.map { clock.instant(ofTick: $0) })
    return expire
  }

  /// What `schedule_timeout` returns when the sleeper runs again: the jiffies left.
  func timeLeft(_ sleep: SleepState) -> Jiffies {
    guard let expire = sleep.expire else { return MAX_SCHEDULE_TIMEOUT }
    return max(0, expire - clock.jiffies)
  }
}
