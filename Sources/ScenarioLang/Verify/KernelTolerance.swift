import SockKernel

/// How far the real kernel's times may stray from the model's, and why.
///
/// The model fires a timeout of N jiffies exactly at the tick N after it was armed. The
/// kernel's jiffies tick at a phase the run does not control, so the same timeout can end
/// up to one jiffy sooner in real time; and the timer wheel rounds every expiry up to the
/// granularity of the level the timer lands on (`calc_index` in kernel/time/timer.c: one
/// jiffy below 63 jiffies, 8 below 504, 64 below 4032, …), so it can end that much later.
/// A lateness carries over to everything the script does after it, so each timeout that
/// fired widens the window of every later call. `slack` covers waking and scheduling.
public struct KernelTolerance: Sendable, Equatable {
  public var hz: Int64
  /// Added to every late bound: the time a woken thread takes to run and be measured.
  public var slack: Nanoseconds

  public init(hz: Int64, slack: Nanoseconds = 10_000_000) {
    self.hz = hz
    self.slack = slack
  }

  public var jiffy: Nanoseconds { 1_000_000_000 / hz }

  /// The timer wheel's rounding for a timer armed `jiffies` ahead, in jiffies: level n
  /// holds timers less than `63 << 3n` jiffies ahead, with a granularity of `8^n` jiffies.
  public static func wheelGranularity(_ jiffies: Jiffies) -> Jiffies {
    var granularity: Jiffies = 1
    var levelEnd: Jiffies = 63
    // LVL_DEPTH is 9 at HZ > 100; the last level takes everything beyond.
    for _ in 0..<8 where jiffies >= levelEnd {
      granularity *= 8
      levelEnd *= 8
    }
    return granularity
  }

  /// How much later than the model a timeout of `jiffies` may fire on the kernel.
  public func lateness(ofTimeout jiffies: Jiffies) -> Nanoseconds {
    (Self.wheelGranularity(jiffies) + 1) * jiffy
  }

  /// The times a kernel event may happen at when the model has it at `modelTime`, given
  /// the timeouts that fired in the model up to then.
  public func window(modelTime: Nanoseconds, after timeouts: [FiredTimeout]) -> ClosedRange<Nanoseconds> {
    var late = slack
    for timeout in timeouts where timeout.at <= modelTime { late += lateness(ofTimeout: timeout.jiffies) }
    return (modelTime - jiffy - 2_000_000)...(modelTime + late)
  }

  /// The window for an `at TIME` expectation on the kernel, where no model run tells which
  /// timeouts fired: as if one timeout as long as `expected` had.
  public func window(expected: Nanoseconds) -> ClosedRange<Nanoseconds> {
    let jiffies = max(1, expected / jiffy)
    return window(modelTime: expected, after: [FiredTimeout(at: 0, jiffies: jiffies)])
  }
}
