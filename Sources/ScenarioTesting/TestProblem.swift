import ScenarioLang

/// One reason a test did not pass, with a one-line summary and the details to show.
public enum TestProblem: Sendable {
  /// The script or its header could not be used; `details` is the rendered diagnostic.
  case unusable(summary: String, details: String)
  case crashed(signal: Int32, stderr: String)
  case timedOut(Duration, stderr: String)
  case exitStatus(actual: Int32, expected: Int32, stderr: String)
  case output(golden: String, script: String, mismatch: GoldenMismatch)
  /// Standard error differs from `NAME.err`.
  case errorOutput(golden: String, script: String, mismatch: GoldenMismatch)

  var summary: String {
    switch self {
    case .unusable(let summary, _): summary
    case .crashed(let signal, _): "crashed with \(SignalName.of(signal))"
    case .timedOut(let limit, _): "timed out after \(RealDuration.format(limit))"
    case .exitStatus(let actual, let expected, _):
      "exit status \(actual) (\(Self.meaning(actual))), expected \(expected)"
    case .output(let golden, _, _): "output differs from \(golden)"
    case .errorOutput(let golden, _, _): "standard error differs from \(golden)"
    }
  }

  /// What to print under the summary: the child's diagnostics, or the first difference
  /// and a unified diff.
  func details(color: Bool) -> String {
    switch self {
    case .unusable(_, let details): details
    case .crashed(_, let stderr), .timedOut(_, let stderr), .exitStatus(_, _, let stderr): stderr
    case .output(let golden, let script, let mismatch):
      "\(golden):\(mismatch.firstDifferenceLine): first difference\n"
        + mismatch.unifiedDiff(oldName: golden, newName: "\(script) (actual output)", color: color)
    case .errorOutput(let golden, let script, let mismatch):
      "\(golden):\(mismatch.firstDifferenceLine): first difference\n"
        + mismatch.unifiedDiff(oldName: golden, newName: "\(script) (actual standard error)", color: color)
    }
  }

  /// The meaning of `sockscript run`'s exit statuses.
  public static func meaning(_ status: Int32) -> String {
    switch ExitStatus(rawValue: status) {
    case .ok: "ok"
    case .expectationFailed: "an inline expectation failed"
    case .blockedForever: "the scenario blocks forever"
    case .killedBySignal: "killed by a signal"
    case .usage: "usage error"
    case .scriptError: "script error"
    case .internalError: "internal error"
    case .ioError: "unreadable file"
    case nil: "unknown"
    }
  }
}
