/// The counts of a run, and the last line of the report: `N passed, N failed` plus
/// `, N skipped` when any test was skipped. An xfail that failed counts as passed; one
/// that passed (XPASS) counts as failed.
public struct TestSummary: Equatable {
  public var passed = 0
  public var failed = 0
  public var skipped = 0

  public init() {}

  public mutating func add(_ outcome: TestOutcome) {
    switch outcome.verdict {
    case .passed, .expectedFailure: passed += 1
    case .failed, .unexpectedPass: failed += 1
    case .skipped: skipped += 1
    }
  }

  public var line: String { "\(passed) passed, \(failed) failed" + (skipped > 0 ? ", \(skipped) skipped" : "") }
}
