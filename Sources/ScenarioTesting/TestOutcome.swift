import ScenarioLang

/// What became of one test script.
public struct TestOutcome: Sendable {
  enum Verdict: Sendable, Equatable {
    case passed
    case failed
    /// `# skip:` — not run.
    case skipped(String)
    /// `# xfail:` and it failed as expected: counted as passed.
    case expectedFailure(String)
    /// `# xfail:` but it passed: counted as failed, so the stale marker gets removed.
    case unexpectedPass(String)
  }

  /// The script's path as reported.
  let path: String
  let verdict: Verdict
  /// What went wrong; for an expected failure, why it failed.
  let problems: [TestProblem]
  /// The golden file written by `--update`, if any.
  public let change: GoldenChange?
  /// Real time the run took.
  let elapsed: Duration

  var countsAsFailure: Bool {
    switch verdict {
    case .failed, .unexpectedPass: true
    case .passed, .skipped, .expectedFailure: false
    }
  }
}

/// A golden file that `--update` created or rewrote.
public struct GoldenChange: Sendable {
  let path: String
  let created: Bool
}
