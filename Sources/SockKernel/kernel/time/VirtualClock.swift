import SyscallVocabulary

/// The model's clock: virtual nanoseconds, read by the kernel code as `jiffies` at `HZ`.
///
/// Time never passes on its own: it jumps to the next timer when nothing can run.
public struct VirtualClock: Sendable {
  /// Ticks per second (`CONFIG_HZ`); 250 on the machine this model is checked against.
  public let hz: Int64
  /// Length of one jiffy in nanoseconds (`NSEC_PER_SEC / HZ`).
  public let jiffyNanoseconds: Int64
  /// Now.
  public private(set) var now: Nanoseconds = 0

  /// A clock at time zero. `hz` must lie in `1...1_000_000_000`.
  public init(hz: Int64) {
    precondition(hz >= 1 && hz <= 1_000_000_000, "HZ out of range")
    self.hz = hz
    self.jiffyNanoseconds = 1_000_000_000 / hz
  }

  /// `jiffies`: whole ticks elapsed so far.
  public var jiffies: Jiffies { now / jiffyNanoseconds }

  /// The instant at which tick `j` happens; saturates at `Int64.max` for absurd timeouts.
  public func instant(ofTick j: Jiffies) -> Nanoseconds {
    let (product, overflow) = j.multipliedReportingOverflow(by: jiffyNanoseconds)
    return overflow ? .max : product
  }

  /// Moves time forward (never backward) to `instant`.
  mutating func advance(to instant: Nanoseconds) {
    precondition(instant >= now, "virtual time cannot go backwards")
    now = instant
  }
}
