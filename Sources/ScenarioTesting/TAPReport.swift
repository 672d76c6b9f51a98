import Foundation

/// `--tap`: TAP version 13 (testanything.org) in place of the normal report. A skip is
/// `# SKIP`, an xfail that failed is `not ok … # TODO` (which TAP does not count as a
/// failure), and the details of a failure are a YAML block. The last line is the summary
/// as a TAP comment, `# N passed, N failed`, after the golden files `--update` changed.
public struct TAPReport {
  public init() {}

  public func header(count: Int) -> String { "TAP version 13\n1..\(count)\n" }

  public func entry(_ number: Int, _ outcome: TestOutcome) -> String {
    let name = outcome.path.replacingOccurrences(of: "#", with: "\\#")
    switch outcome.verdict {
    case .passed: return "ok \(number) - \(name)\n"
    case .skipped(let reason): return "ok \(number) - \(name) # SKIP \(Self.directiveText(reason))\n"
    case .expectedFailure(let reason): return "not ok \(number) - \(name) # TODO \(Self.directiveText(reason))\n"
    case .unexpectedPass(let reason):
      return "not ok \(number) - \(name)\n" + Self.yaml(message: "passed, but it is marked xfail (\(reason))", "")
    case .failed:
      let message = outcome.problems.map(\.summary).joined(separator: "; ")
      let details = outcome.problems.map { $0.details(color: false) }.joined()
      return "not ok \(number) - \(name)\n" + Self.yaml(message: message, details)
    }
  }

  /// The golden files `--update` changed, then the summary, as TAP comments.
  public func footer(_ changes: [GoldenChange], _ summary: TestSummary) -> String {
    changes.map { "# \($0.created ? "created" : "updated") \($0.path)\n" }.joined() + "# \(summary.line)\n"
  }

  /// A reason on one line: it ends the test line.
  private static func directiveText(_ text: String) -> String { text.replacingOccurrences(of: "\n", with: " ") }

  /// The YAML diagnostic block under a `not ok` line.
  private static func yaml(message: String, _ details: String) -> String {
    let quoted = message.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\\\"")
    var block = "  ---\n  message: \"\(quoted)\"\n"
    if !details.isEmpty {
      block += "  details: |\n"
      for line in details.split(separator: "\n", omittingEmptySubsequences: false).dropLast(
        details.hasSuffix("\n") ? 1 : 0)
      {
        block += "    \(line)\n"
      }
    }
    return block + "  ...\n"
  }
}
