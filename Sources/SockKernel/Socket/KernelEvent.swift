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
  public let queue: WaitQueueName
  /// Queued with `prepare_to_wait_exclusive` (woken one at a time).
  public let exclusive: Bool
  /// The `schedule_timeout` argument; ``MAX_SCHEDULE_TIMEOUT`` for none.
  public let timeout: Jiffies
  /// When the timeout fires, nil for none.
  public let expiresAt: Nanoseconds?
  public let reason: Reason
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
  /// A sleeping call's timeout fired.
  case timedOut(CallRecord, queue: WaitQueueName)
  /// The call reached a path the model does not implement; it is abandoned.
  case notModelled(CallRecord, String)
  /// A kernel log line (`printk`).
  case log(TaskID, String)
}
