import SyscallVocabulary

/// Sleeping on a high-resolution timer (`kernel/time/hrtimer.c`).
extension Kernel {
  /// `hrtimer_nanosleep` → `do_nanosleep`: the task sleeps on no wait queue until its timer
  /// fires, which it may do anywhere in `[duration, duration + timer_slack_ns]`
  /// (`hrtimer_set_expires_range_ns`); the model fires it at the end of the range, as an idle
  /// machine does, like `poll`'s. Only a signal ends it early: `-ERESTART_RESTARTBLOCK`,
  /// which a handler turns into EINTR, with or without SA_RESTART.
  func hrtimerNanosleep(_ duration: Nanoseconds, frame: inout CallFrame) -> SyscallStep {
    if let end = frame.sleepEnd {
      if clock.now >= end { return .done(.success()) }
      return .done(
        .failure(.EINTR, Reason("do_nanosleep", "signal_pending: -ERESTART_RESTARTBLOCK, EINTR once a handler ran")))
    }
    if duration == 0 { return .done(.success()) }
    let end = clock.now + duration + TIMER_SLACK_NS
    frame.sleepEnd = end
    return .pollSleep(
      queues: [], timer: HrtimerTimeout(timeout: duration, slack: TIMER_SLACK_NS, expiresAt: end),
      reason: Reason("do_nanosleep", "an hrtimer of \(duration) ns plus timer_slack_ns"))
  }
}
