import ScenarioLang

/// The default report: one line per test in path order, the reasons and diffs of failures
/// under their test, the golden files `--update` changed, then the summary line.
public struct HumanReport {
  let color: Bool

  public init(color: Bool) { self.color = color }

  /// The lines for one test, ending in a newline.
  public func entry(_ outcome: TestOutcome) -> String {
    let (label, tint) =
      switch outcome.verdict {
      case .passed: ("PASS ", TextStyle.Style.green)
      case .failed: ("FAIL ", .boldRed)
      case .skipped: ("SKIP ", .yellow)
      case .expectedFailure: ("XFAIL", .yellow)
      case .unexpectedPass: ("XPASS", .boldRed)
      }
    var line = TextStyle(color: color).paint(label, tint) + " " + outcome.path
    switch outcome.verdict {
    case .passed, .failed:
      if let change = outcome.change { line += " (\(change.created ? "created" : "updated") \(change.path))" }
    case .skipped(let reason), .expectedFailure(let reason): line += " (\(reason))"
    case .unexpectedPass(let reason): line += ": passed, but it is marked xfail (\(reason))"
    }
    if outcome.verdict == .failed, let first = outcome.problems.first { line += ": " + first.summary }
    var text = line + "\n"
    guard outcome.countsAsFailure else { return text }
    // The first problem's summary is on the test's line; every problem's details follow.
    for (index, problem) in outcome.problems.enumerated() {
      if index > 0 { text += problem.summary + "\n" }
      let details = problem.details(color: color)
      text += details.isEmpty || details.hasSuffix("\n") ? details : details + "\n"
    }
    return text
  }

  /// After all tests: what `--update` changed, then the summary line.
  public func footer(_ changes: [GoldenChange], _ summary: TestSummary) -> String {
    var text = ""
    if !changes.isEmpty {
      text += "\nchanged golden files:\n"
      for change in changes { text += "  \(change.created ? "created" : "updated") \(change.path)\n" }
    }
    return text + summary.line + "\n"
  }
}
