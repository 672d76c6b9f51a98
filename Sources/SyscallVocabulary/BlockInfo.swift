/// How a task went to sleep.
public struct BlockInfo: Sendable {
  /// Where it sleeps: one queue for a `schedule_timeout` sleep; every queue a `poll`
  /// registered on, in the order it registered (none when it polls no open socket).
  public let queues: [WaitQueueName]
  /// Queued with `prepare_to_wait_exclusive` (woken one at a time).
  public let exclusive: Bool
  /// The `schedule_timeout` argument; ``MAX_SCHEDULE_TIMEOUT`` for none, and for a sleep on
  /// a high-resolution timer (``hrtimer``), which counts no jiffies.
  public let timeout: Jiffies
  /// When the timeout fires, nil for none.
  public let expiresAt: Nanoseconds?
  /// A `poll`'s sleep on a high-resolution timer (`schedule_hrtimeout_range`); nil for a
  /// `schedule_timeout` sleep and for a poll without a timeout.
  public let hrtimer: HrtimerTimeout?
  public let reason: Reason

  public init(
    queues: [WaitQueueName], exclusive: Bool, timeout: Jiffies, expiresAt: Nanoseconds?,
    hrtimer: HrtimerTimeout? = nil, reason: Reason
  ) {
    self.queues = queues
    self.exclusive = exclusive
    self.timeout = timeout
    self.expiresAt = expiresAt
    self.hrtimer = hrtimer
    self.reason = reason
  }
}

/// A timeout on a high-resolution timer with slack, as `poll` sleeps
/// (`poll_schedule_timeout` → `schedule_hrtimeout_range`): nanoseconds, not jiffies.
public struct HrtimerTimeout: Sendable, Equatable {
  /// The timeout the call asked for, from when it started.
  public let timeout: Nanoseconds
  /// `select_estimate_accuracy`: how much later than the timeout the timer may fire. The
  /// model fires it at the end of that range, as an idle machine does.
  public let slack: Nanoseconds
  /// When the timer fires: the call's start + `timeout` + `slack`.
  public let expiresAt: Nanoseconds

  public init(timeout: Nanoseconds, slack: Nanoseconds, expiresAt: Nanoseconds) {
    self.timeout = timeout
    self.slack = slack
    self.expiresAt = expiresAt
  }
}
