/// What one side of a scenario measured: `operations` operations took `total` of wall time.
struct Measurement: Sendable {
  let operations: Int
  let total: Duration

  /// Wall time per operation, in nanoseconds.
  var nanosecondsPerOperation: Double { total.nanoseconds / Double(max(operations, 1)) }
}

/// Why one side of a scenario has no figure: it could not run here, or it ran wrongly.
struct Unmeasured: Error, Sendable {
  let reason: String
  /// True when the scenario ran but did not do what it should (a bug, not a limitation of
  /// this machine): the bench then exits 1.
  let isFailure: Bool

  static func failure(_ reason: String) -> Unmeasured { Unmeasured(reason: reason, isFailure: true) }
  static func unavailable(_ reason: String) -> Unmeasured { Unmeasured(reason: reason, isFailure: false) }
}

/// A side's outcome: a figure, or why there is none.
typealias SideResult = Result<Measurement, Unmeasured>

extension Result where Failure == Unmeasured {
  /// True when the side ran but went wrong (not merely unavailable here).
  var isFailure: Bool {
    if case .failure(let why) = self { return why.isFailure }
    return false
  }
}

extension Duration {
  /// The duration in nanoseconds, as a floating-point number for ratios and per-op figures.
  var nanoseconds: Double {
    let (seconds, attoseconds) = components
    return Double(seconds) * 1e9 + Double(attoseconds) / 1e9
  }

  /// Wall time taken by `body`.
  static func timing(_ body: () throws -> Void) rethrows -> Duration {
    let clock = ContinuousClock()
    let start = clock.now
    try body()
    return start.duration(to: clock.now)
  }
}
