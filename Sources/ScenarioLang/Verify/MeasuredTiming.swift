import SockKernel
import SyscallVocabulary

/// What the kernel backend's actor thread measured around one call, so that the comparison
/// can judge the call by the kernel's own clock, `jiffies`, rather than by when the driver
/// handed the call over. Times are nanoseconds since the run started.
public struct MeasuredTiming: Sendable, Equatable {
  /// When the thread entered the system call.
  public var entered: Nanoseconds
  /// When the jiffy that the kernel's `jiffies` counted at entry began: a timeout armed in
  /// the call is counted from there. Earlier when that is not certain, never later.
  public var jiffyStart: Nanoseconds
  /// The last tick due before entry: where `jiffyStart` is when `jiffies` is up to date.
  public var lastTick: Nanoseconds
  /// How long the thread waited for a CPU during the call (`run_delay` in
  /// `/proc/self/task/TID/schedstat`): real time a loaded machine adds that says nothing
  /// about the kernel's rules.
  public var runDelay: Nanoseconds

  public init(entered: Nanoseconds, jiffyStart: Nanoseconds, lastTick: Nanoseconds, runDelay: Nanoseconds) {
    self.entered = entered
    self.jiffyStart = jiffyStart
    self.lastTick = lastTick
    self.runDelay = runDelay
  }
}

/// Where the kernel's `jiffies` stands, from two clocks a thread can read.
///
/// `jiffies` moves on the tick, which is aligned to multiples of the jiffy in
/// CLOCK_MONOTONIC since Linux 6.4 (`tick_init_jiffy_update`), but only when a CPU runs the update
/// (`tick_do_update_jiffies64`): after a late tick, or while the timekeeping CPU is stalled
/// (a virtual machine's CPU the host did not run), it lags real time by one or more jiffies,
/// and a timeout armed then ends that much sooner in real time. The same update moves
/// CLOCK_MONOTONIC_COARSE (`update_wall_time`) by whole jiffies, so the coarse clock shows
/// whether `jiffies` has moved for the last tick.
public enum KernelJiffies {
  /// The last tick due at or before `instant` (absolute CLOCK_MONOTONIC nanoseconds).
  public static func lastTick(atOrBefore instant: Int64, jiffy: Int64) -> Int64 {
    instant - ((instant % jiffy) + jiffy) % jiffy
  }

  /// When the jiffy `jiffies` counts at `entered` began, given `coarse`, CLOCK_MONOTONIC_COARSE
  /// read after `entered` and before the call (both absolute).
  ///
  /// The update for the last tick sets the coarse clock to less than a jiffy before it, so a
  /// coarse time more than a jiffy older means `jiffies` has not moved for that tick yet; it
  /// then counts the jiffy its last update reached, which began at or after the coarse
  /// time's jiffy. (An update just before a tick can also leave the coarse clock within a
  /// jiffy of it; the backend does not start a timed call in the first moments after a tick,
  /// where that would be mistaken for the tick's own update.)
  public static func jiffyStart(entered: Int64, coarse: Int64, jiffy: Int64) -> Int64 {
    let tick = lastTick(atOrBefore: entered, jiffy: jiffy)
    if tick - coarse < jiffy { return tick }
    return lastTick(atOrBefore: coarse, jiffy: jiffy)
  }

  /// Without the alignment (before Linux 6.4) the ticks' phase is unknown: the update that
  /// set the coarse clock came at most a jiffy after the tick it was for, so that tick was
  /// less than a jiffy before `coarse`.
  public static func unalignedJiffyStart(coarse: Int64, jiffy: Int64) -> Int64 { coarse - jiffy }
}
