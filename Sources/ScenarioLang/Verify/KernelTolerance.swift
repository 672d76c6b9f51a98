import SockKernel
import SyscallVocabulary

/// How far the real kernel's times may stray from the model's, and why.
///
/// Real calls take time the model's do not, and the driver adds its own: by the time a
/// call starts on the kernel, the run is some *drift* behind the model. Drift is measured,
/// call by call, as the kernel's start time minus the model's. On top of it:
/// * the kernel's jiffies tick at a phase the run does not control, so a timeout can end
///   up to one jiffy sooner in real time than in the model;
/// * the timer wheel rounds every expiry up to the granularity of the level the timer
///   lands on (`calc_index` in kernel/time/timer.c: one jiffy below 63 jiffies, 8 below
///   504, 64 below 4032, …), so a timeout can end that much (and a jiffy) later;
/// * `slack` covers waking a thread and measuring it.
public struct KernelTolerance: Sendable, Equatable {
  public var hz: Int64
  /// Added to every late bound: the time a woken thread takes to run and be measured.
  public var slack: Nanoseconds
  /// The timer wheel puts a timer in a bucket at least one jiffy past its expiry
  /// (`calc_index`, the wheel of Linux 4.8 and later); the older wheel fired it at its
  /// expiry's tick.
  public var roundsExpiryUp = true

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

  /// The times a call may return at on the kernel when the model returns it at
  /// `modelTime`. `drift` is the run's drift when the call started; `causeDrift` the
  /// largest drift of any call started up to `modelTime` in the model (a woken call returns
  /// when its waker acts, and the waker may have started later than the call itself);
  /// `ownTimeout` the jiffies of the timeout that ended it, if one did.
  /// `runDelay` is how long the call's thread waited for a CPU, which delays its return.
  public func window(
    modelTime: Nanoseconds, drift: Nanoseconds = 0, causeDrift: Nanoseconds = 0, ownTimeout: Jiffies? = nil,
    runDelay: Nanoseconds = 0
  ) -> ClosedRange<Nanoseconds> {
    let early = ownTimeout == nil ? 2_000_000 : jiffy + 2_000_000
    let late = max(drift, causeDrift) + slack + (ownTimeout.map(lateness(ofTimeout:)) ?? 0) + runDelay
    return (modelTime + drift - early)...(modelTime + late)
  }

  /// The times a call may return at on the kernel when the model ends it by its own
  /// timeout: it started at `modelStart`, timed out at `modelReturn`, and its last sleep was
  /// armed for `lastSleep` jiffies. Counted in the kernel's jiffies from the jiffy the call
  /// entered in, as the kernel counts: the model's `n` jiffies from the call's jiffy to its
  /// expiry become, on the kernel,
  /// * at the earliest `n + 1` jiffies after `measured.jiffyStart`: `calc_index` puts every
  ///   timer in a bucket at least one jiffy past its expiry, so that a timer armed late in a
  ///   jiffy still sleeps its whole timeout; the kernel never fires one sooner;
  /// * at the latest `n` + the wheel's granularity for `lastSleep` + 2 jiffies after the last
  ///   tick before entry (one for a tick between entry and arming, one because a timer on a
  ///   CPU whose tick ran before `jiffies` moved fires on that CPU's next tick), then slack
  ///   and the time the thread waited for a CPU.
  public func timeoutWindow(
    modelStart: Nanoseconds, modelReturn: Nanoseconds, lastSleep: Jiffies, measured: MeasuredTiming
  ) -> ClosedRange<Nanoseconds> {
    let n = modelReturn / jiffy - modelStart / jiffy
    let earliest = measured.jiffyStart + (n + (roundsExpiryUp ? 1 : 0)) * jiffy
    let latest = measured.lastTick + (n + Self.wheelGranularity(lastSleep) + 2) * jiffy + slack + measured.runDelay
    return earliest...max(earliest, latest)
  }

  /// The window for an `at TIME` expectation on the kernel alone, where no model run tells
  /// which timeouts fired: as if one timeout as long as `expected` had, after `drift`.
  public func window(expected: Nanoseconds, drift: Nanoseconds) -> ClosedRange<Nanoseconds> {
    let jiffies = expected / jiffy
    return window(modelTime: expected, drift: drift, causeDrift: drift, ownTimeout: jiffies > 0 ? jiffies : nil)
  }
}
