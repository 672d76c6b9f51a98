import Collections
import SyscallVocabulary

/// A kernel timer (`struct timer_list`): fires its owner's action once, unless deleted first.
final class KernelTimer {
  /// What firing means; set by whoever arms the timer.
  enum Purpose {
    /// `process_timeout`: wake the task sleeping in `schedule_timeout`.
    case processTimeout(TaskID)
    /// An alarm set from outside the kernel (a script's `sleep`).
    case alarm(AlarmID)
  }

  let purpose: Purpose
  /// Sequence number of the pending arming, or nil when the timer is not pending.
  fileprivate(set) var pendingSequence: UInt64?

  init(_ purpose: Purpose) { self.purpose = purpose }

  var isPending: Bool { pendingSequence != nil }
}

/// All pending timers, ordered by expiry and then by the order they were armed, so that
/// timers due at the same instant fire first-armed first.
///
/// Deletion is lazy: a deleted timer's heap entry is skipped when it reaches the top, which
/// keeps `mod_timer` and `del_timer` at O(log n) and O(1).
struct TimerQueue {
  private struct Entry: Comparable {
    let expires: Nanoseconds
    let sequence: UInt64
    let timer: KernelTimer

    static func < (a: Entry, b: Entry) -> Bool {
      (a.expires, a.sequence) < (b.expires, b.sequence)
    }
    static func == (a: Entry, b: Entry) -> Bool { a.sequence == b.sequence }
  }

  private var heap = Heap<Entry>()
  private var nextSequence: UInt64 = 0
  private(set) var pendingCount = 0

  /// `mod_timer`: (re)arms `timer` to fire at `expires`.
  mutating func modTimer(_ timer: KernelTimer, expires: Nanoseconds) {
    if timer.isPending { pendingCount -= 1 }
    nextSequence += 1
    timer.pendingSequence = nextSequence
    pendingCount += 1
    heap.insert(Entry(expires: expires, sequence: nextSequence, timer: timer))
  }

  /// `del_timer`: the timer will not fire; nil, a timer never made, is not pending.
  mutating func delTimer(_ timer: KernelTimer?) {
    guard let timer, timer.isPending else { return }
    timer.pendingSequence = nil
    pendingCount -= 1
  }

  /// The earliest pending timer and when it fires, removed from the queue; nil when none is
  /// pending.
  mutating func popEarliest() -> (expires: Nanoseconds, timer: KernelTimer)? {
    while let top = heap.popMin() {
      if top.timer.pendingSequence == top.sequence {
        top.timer.pendingSequence = nil
        pendingCount -= 1
        return (top.expires, top.timer)
      }
    }
    return nil
  }
}
