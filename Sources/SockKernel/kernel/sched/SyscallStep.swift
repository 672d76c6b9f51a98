import SyscallVocabulary

/// What one run of a system call's kernel code ends in.
enum SyscallStep {
  /// The call returns.
  case done(SyscallOutcome)
  /// `prepare_to_wait[_exclusive]` on `queue`, then `schedule_timeout(timeout)`; when the
  /// task runs again the same kernel function is re-entered with `frame.timeo` holding what
  /// `schedule_timeout` returned.
  ///
  /// The two sleeps are boxed: their reasons and queues made every step, of every call, 88
  /// bytes where a return is 40, and a call returns at every step but the ones it sleeps in.
  indirect case sleep(on: WaitQueue, exclusive: Bool, keyFilter: PollMask?, timeout: Jiffies, reason: Reason)
  /// `poll_schedule_timeout`: sleeps until a `pollwake` through one of the entries the
  /// `poll` registered (they stay queued across sleeps, on `queues`), a signal, or `timer`
  /// (nil: no timeout). The call is re-entered when the task runs again.
  /// `entries`: the sleep's own entries (an `epoll_wait`'s on `ep->wq`, `exclusive`), which
  /// a timeout or signal takes off; a `poll`'s stay queued until `poll_freewait`.
  indirect case pollSleep(
    queues: [WaitQueueName], timer: HrtimerTimeout?, reason: Reason, exclusive: Bool = false,
    entries: [WaitQueueEntry] = [])
  /// The model does not implement this path.
  case notModelled(String)
  /// The call ended its process (`exit_group`): it never returns.
  case noReturn
}
