import SyscallVocabulary

/// Waking a wait queue (`kernel/sched/wait.c`).
extension Kernel {
  /// `__wake_up(queue, TASK_INTERRUPTIBLE, nrExclusive, key)`; `nrExclusive` 0 wakes all.
  /// An empty key is no key (`poll_to_key(0)` is NULL).
  func wakeUp(_ queue: WaitQueue, nrExclusive: Int, key: PollMask? = nil) {
    let key = key.flatMap { $0.isEmpty ? nil : $0 }
    queue.wakeCommon(nrExclusive: nrExclusive, key: key) { entry in
      switch entry.function {
      case .autoremove, .pollwake:
        if let id = entry.task { tryToWakeUp(tasks[id.rawValue], exclusive: entry.exclusive, queue: queue) }
        return true
      case .peerWakeRelay:
        if let owner = entry.relayOwner { unixDgramPeerWakeRelay(owner, key: key) }
        return true
      case .epollCallback:
        guard let epi = entry.epitem else { return false }
        return epPollCallback(epi, key: key)
      }
    }
  }

  /// A wake-up of a queue that may not be made yet (``Sock/sleepQueueIfMade``): nil has
  /// nobody on it, so nobody to wake.
  func wakeUp(_ queue: WaitQueue?, nrExclusive: Int, key: PollMask? = nil) {
    guard let queue else { return }
    wakeUp(queue, nrExclusive: nrExclusive, key: key)
  }

  /// `wake_up_interruptible`: all non-exclusive waiters and the first exclusive one.
  func wakeUpInterruptible(_ queue: WaitQueue?) { wakeUp(queue, nrExclusive: 1) }

  /// `wake_up_interruptible_all`.
  func wakeUpInterruptibleAll(_ queue: WaitQueue?) { wakeUp(queue, nrExclusive: 0) }
}
