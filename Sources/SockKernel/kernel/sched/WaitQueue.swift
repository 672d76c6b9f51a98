import SyscallVocabulary

/// One entry of a wait queue (`struct wait_queue_entry`): a sleeping task, or the relay of a
/// datagram socket's `peer_wake`.
final class WaitQueueEntry {
  /// `wait_queue_entry.func`: what a wake-up through this entry does.
  enum WakeFunction {
    /// `autoremove_wake_function` (`receiver_wake_function` when filtered): wakes the task
    /// and takes the entry off the queue.
    case autoremove
    /// `pollwake`: wakes the polling task; the entry stays queued until `poll_freewait`.
    case pollwake
    /// `unix_dgram_peer_wake_relay`: passes the wake-up on to the own wait queue of the
    /// socket whose `peer_wake` this is, and unhooks itself.
    case peerWakeRelay
    /// `ep_poll_callback`: queues an epoll item on its instance's ready list and wakes the
    /// instance's waiters; the entry stays until the item goes.
    case epollCallback
  }

  /// The sleeping task (`private`); nil for the relay, which wakes no task itself.
  let task: TaskID?
  /// `WQ_FLAG_EXCLUSIVE`: counts against `nr_exclusive` when woken.
  let exclusive: Bool
  /// When set, a keyed wake-up only wakes this entry if the key has one of these bits (an
  /// un-keyed wake-up always does): `receiver_wake_function`'s filter, or the events a
  /// poller asked for (`pollwake` compares the key with `entry->key`).
  let keyFilter: PollMask?
  let function: WakeFunction
  /// For the relay: the socket whose `peer_wake` this is (weak: the socket owns its entry).
  weak var relayOwner: Sock?
  /// For the relay, `private`: the socket on whose `peer_wait` it is queued. Weak, as the
  /// kernel's is a plain pointer: the link is cut before either socket goes.
  weak var relayPeer: Sock?
  /// For an epoll callback: its item (weak: the item owns its entries).
  weak var epitem: EpItem?
  /// A wake-up took it off its queue (autoremove), rather than a timeout or a signal:
  /// `ep_poll` then harvests events even when its timer has run out.
  fileprivate(set) var taken = false
  /// Not owning: the forward links and the queue's `tail` own the entries, so a queue left
  /// with sleepers (a run that ended with calls asleep) is no cycle. Unowned rather than
  /// weak, which would give every entry and queue a side table that slows each retain and
  /// release of them: the queue clears both as an entry leaves it, or as it goes itself.
  fileprivate(set) unowned(unsafe) var previous: WaitQueueEntry?
  fileprivate(set) var next: WaitQueueEntry?
  fileprivate(set) unowned(unsafe) var queue: WaitQueue?

  init(task: TaskID?, exclusive: Bool, keyFilter: PollMask?, function: WakeFunction = .autoremove) {
    self.task = task
    self.exclusive = exclusive
    self.keyFilter = keyFilter
    self.function = function
  }

  /// Queued on some wait queue.
  var isQueued: Bool { queue != nil }
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

  /// A queue that goes with entries still on it (its socket freed while calls sleep, at the
  /// end of a run) leaves them pointing at nothing.
  deinit {
    var cursor = head
    while let entry = cursor {
      cursor = entry.next
      entry.queue = nil
      entry.previous = nil
    }
  }

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

  /// `__add_wait_queue_exclusive`: an exclusive waiter at the head, so that the last to
  /// sleep is the first woken (`ep_poll`'s waiters are LIFO).
  func addExclusiveAtHead(_ entry: WaitQueueEntry) {
    precondition(entry.queue == nil && entry.exclusive, "entry already queued, or not exclusive")
    entry.queue = self
    count += 1
    entry.next = head
    head?.previous = entry
    head = entry
    if tail == nil { tail = entry }
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

  /// `__wake_up_common`: walks the queue in order, handing `wake` each entry the key lets
  /// through, after taking off the queue those that leave it when woken (autoremove, and the
  /// relay, which unhooks itself; a poller's and an epoll item's entries stay). An exclusive
  /// entry for which `wake` returns true counts against `nrExclusive` (0 = wake all): an
  /// epoll item's callback may decline, and the walk goes on to the next.
  func wakeCommon(nrExclusive: Int, key: PollMask?, _ wake: (WaitQueueEntry) -> Bool) {
    var remaining = nrExclusive
    var cursor = head
    while let entry = cursor {
      cursor = entry.next
      if let filter = entry.keyFilter, let key, filter.isDisjoint(with: key) { continue }
      if entry.function == .autoremove || entry.function == .peerWakeRelay {
        remove(entry)
        entry.taken = true
      }
      if wake(entry), entry.exclusive {
        remaining -= 1
        if remaining == 0 { break }
      }
    }
  }

  /// The entries a wake-up reaches, every one counting (as tasks and relays do).
  func takeWakeable(nrExclusive: Int, key: PollMask?) -> [WaitQueueEntry] {
    var woken: [WaitQueueEntry] = []
    wakeCommon(nrExclusive: nrExclusive, key: key) {
      woken.append($0)
      return true
    }
    return woken
  }
}
