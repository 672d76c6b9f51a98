/// Everything observable that happens in a run, in the order it happens: the one event
/// vocabulary of both backends. The model reports every kind; the real kernel reports
/// returns, the sleeps it can see (without their queues) and the calls it cannot make.
public enum KernelEvent: Sendable {
  /// A call returned (`resumed` when it had slept first).
  case returned(CallRecord, SyscallOutcome, resumed: Bool)
  /// A call went to sleep (`again` after an earlier wake-up of the same call); the info is
  /// nil when the backend cannot see where (the real kernel shows only that a thread sleeps).
  /// Boxed: its info is 104 bytes, and every event, of every kind, was as large (113 bytes,
  /// copied on its way to the session) for it; a call that sleeps is rarer than one that
  /// returns.
  indirect case blocked(CallRecord, BlockInfo?, again: Bool)
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
  /// The backend could not make the call (the real kernel's: a thread it could not start,
  /// an errno it does not know); the call is abandoned and the run stops. The model, which
  /// makes every call itself, never reports it.
  case cannotRun(CallRecord, String)
  /// A kernel log line (`printk`).
  case log(TaskID, String)
  /// The descriptor garbage collector (`unix_gc`) freed the queues of these sockets (by
  /// inode): a cycle that only messages in flight kept alive.
  case collected(inodes: [Int])
  /// A process other than process 1 ended (`exit_group`, or a signal's default action):
  /// every call of its threads (`tasks`) still in flight ends with it, unreturned, the
  /// `exit_group` included.
  case processEnded(pid: Int32, tasks: [TaskID], end: ProcessEnd)
  /// A thread's `execve` replaced its process's image: `de_thread` ended the process's other
  /// threads (`ended`, in creation order; their calls in flight end unreturned, as with
  /// `exit_group`) and `do_close_on_exec` closed the descriptors marked FD_CLOEXEC
  /// (`closed`, lowest first). Reported before the `execve`'s return, and before the
  /// wake-ups the closes cause.
  case execed(pid: Int32, by: TaskID, ended: [TaskID], closed: [Int32])
}
