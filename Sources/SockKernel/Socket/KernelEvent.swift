/// A task of the model: one thread of the scenario.
public struct TaskID: Hashable, Comparable, Sendable {
  public let rawValue: Int
  public init(rawValue: Int) { self.rawValue = rawValue }
  public static func < (a: TaskID, b: TaskID) -> Bool { a.rawValue < b.rawValue }
}

/// An alarm set with ``Kernel/setAlarm(at:)``.
public struct AlarmID: Hashable, Sendable {
  public let rawValue: Int
  public init(rawValue: Int) { self.rawValue = rawValue }
}

/// Names a wait queue: whose it is and which of its queues.
public struct WaitQueueName: Sendable, Equatable {
  /// Which queue of the socket.
  public enum Kind: Sendable {
    /// `unix_sk(sk)->peer_wait`: connectors waiting for backlog room, dgram senders.
    case peerWait
    /// `sk_sleep(sk)`, the socket's own wait queue: accept and receive sleepers.
    case sleep
  }
  /// Inode number of the owning socket.
  public let inode: Int
  public let kind: Kind
}

/// A system call in flight.
public struct CallRecord: Sendable {
  /// Unique per kernel.
  public let id: Int
  /// The submitter's own label for the call.
  public let tag: Int
  public let task: TaskID
  public let syscall: Syscall
  /// When the call was entered.
  public let startedAt: Nanoseconds

  public init(id: Int, tag: Int, task: TaskID, syscall: Syscall, startedAt: Nanoseconds) {
    self.id = id
    self.tag = tag
    self.task = task
    self.syscall = syscall
    self.startedAt = startedAt
  }
}

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

/// Everything observable that happens in the model, in the order it happens.
public enum KernelEvent: Sendable {
  /// A call returned (`resumed` when it had slept first).
  case returned(CallRecord, SyscallOutcome, resumed: Bool)
  /// A call went to sleep (`again` after an earlier wake-up of the same call).
  case blocked(CallRecord, BlockInfo, again: Bool)
  /// A sleeping call was woken by another task's call on `queue`.
  case woken(CallRecord, by: TaskID, queue: WaitQueueName, exclusive: Bool)
  /// A signal woke a sleeping call (`signal_wake_up`).
  case interrupted(CallRecord, by: Signal)
  /// The call returned `-ERESTARTSYS` and the signal's handler has `SA_RESTART`: the
  /// kernel enters it again from the start.
  case restarted(CallRecord, after: Signal)
  /// A sleeping call's timeout fired (it slept on `queues`).
  case timedOut(CallRecord, queues: [WaitQueueName])
  /// The call reached a path the model does not implement; it is abandoned.
  case notModelled(CallRecord, String)
  /// A kernel log line (`printk`).
  case log(TaskID, String)
}
