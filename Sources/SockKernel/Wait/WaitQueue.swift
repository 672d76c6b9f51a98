/// One sleeper on a wait queue (`struct wait_queue_entry`).
final class WaitQueueEntry {
  let task: TaskID
  /// `WQ_FLAG_EXCLUSIVE`: counts against `nr_exclusive` when woken.
  let exclusive: Bool
  /// `receiver_wake_function`: when set, a keyed wake-up only wakes this entry if the key
  /// has one of these bits (an un-keyed wake-up always does).
  let keyFilter: PollMask?
  /// Weak: the forward links and the queue's `tail` own the entries, so a queue left with
  /// sleepers (a run that ended with calls asleep) is no cycle.
  fileprivate(set) weak var previous: WaitQueueEntry?
  fileprivate(set) var next: WaitQueueEntry?
  fileprivate(set) weak var queue: WaitQueue?

  init(task: TaskID, exclusive: Bool, keyFilter: PollMask?) {
    self.task = task
    self.exclusive = exclusive
    self.keyFilter = keyFilter
  }
}

/// `wait_queue_head_t`: an intrusive FIFO list, so that adding at either end and removing
/// any entry are O(1), as with the kernel's `list_head`.
public final class WaitQueue {
  public let name: WaitQueueName
  private(set) var head: WaitQueueEntry?
  private(set) var tail: WaitQueueEntry?
  /// Number of sleepers.
  public private(set) var count = 0

  init(name: WaitQueueName) { self.name = name }

  /// `prepare_to_wait` adds non-exclusive waiters at the head and
  /// `prepare_to_wait_exclusive` exclusive ones at the tail, so every non-exclusive
  /// waiter is passed before the first exclusive one is counted.
  func add(_ entry: WaitQueueEntry) {
    precondition(entry.queue == nil, "entry already queued")
    entry.queue = self
    count += 1
    if entry.exclusive {
      entry.previous = tail
      tail?.next = entry
      tail = entry
      if head == nil { head = entry }
    } else {
      entry.next = head
      head?.previous = entry
      head = entry
      if tail == nil { tail = entry }
    }
  }

  /// `list_del_init`: takes `entry` off this queue.
  func remove(_ entry: WaitQueueEntry) {
    guard entry.queue === self else { return }
    if let p = entry.previous { p.next = entry.next } else { head = entry.next }
    if let n = entry.next { n.previous = entry.previous } else { tail = entry.previous }
    entry.previous = nil
    entry.next = nil
    entry.queue = nil
    count -= 1
  }

  /// The sleepers in queue order.
  var entries: [WaitQueueEntry] {
    var result: [WaitQueueEntry] = []
    var cursor = head
    while let e = cursor {
      result.append(e)
      cursor = e.next
    }
    return result
  }

  /// `__wake_up_common`: walks the queue in order, removing (autoremove) and returning the
  /// entries to wake; stops after `nrExclusive` exclusive ones (0 = wake all).
  func takeWakeable(nrExclusive: Int, key: PollMask?) -> [WaitQueueEntry] {
    var woken: [WaitQueueEntry] = []
    var remaining = nrExclusive
    var cursor = head
    while let entry = cursor {
      cursor = entry.next
      if let filter = entry.keyFilter, let key, filter.isDisjoint(with: key) { continue }
      remove(entry)
      woken.append(entry)
      if entry.exclusive {
        remaining -= 1
        if remaining == 0 { break }
      }
    }
    return woken
  }
}
