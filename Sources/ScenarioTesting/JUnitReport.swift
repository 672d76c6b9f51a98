import ScenarioLang

/// `--junit FILE`: the results as JUnit XML, the format CI systems read. An xfail that
/// failed is a passing test case with its reason in `<system-out>`; an XPASS is a failure.
public enum JUnitReport {
  public static func xml(_ outcomes: [TestOutcome], _ summary: TestSummary, elapsed: Duration) -> String {
    let counts =
      "tests=\"\(outcomes.count)\" failures=\"\(summary.failed)\" errors=\"0\" skipped=\"\(summary.skipped)\""
    var xml = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
    xml += "<testsuites name=\"sockscript test\" \(counts) time=\"\(seconds(elapsed))\">\n"
    xml += "  <testsuite name=\"sockscript\" \(counts) time=\"\(seconds(elapsed))\">\n"
    for outcome in outcomes {
      let directory = outcome.path.split(separator: "/").dropLast().joined(separator: ".")
      xml += "    <testcase name=\"\(escape(outcome.path))\" classname=\"\(escape(directory))\""
      xml += " time=\"\(seconds(outcome.elapsed))\""
      switch outcome.verdict {
      case .passed:
        xml += "/>\n"
        continue
      case .skipped(let reason):
        xml += ">\n      <skipped message=\"\(escape(reason))\"/>\n"
      case .expectedFailure(let reason):
        xml += ">\n      <system-out>\(escape("xfail: \(reason)", inAttribute: false))</system-out>\n"
      case .unexpectedPass(let reason):
        let message = "passed, but it is marked xfail (\(reason))"
        xml += ">\n      <failure message=\"\(escape(message))\" type=\"XPASS\"/>\n"
      case .failed:
        let message = outcome.problems.map(\.summary).joined(separator: "; ")
        let details = outcome.problems.map { $0.details(color: false) }.joined()
        xml +=
          ">\n      <failure message=\"\(escape(message))\" type=\"failure\">\(escape(details, inAttribute: false))</failure>\n"
      }
      xml += "    </testcase>\n"
    }
    return xml + "  </testsuite>\n</testsuites>\n"
  }

  /// Escapes text for an attribute or an element (``XMLText``).
  static func escape(_ text: String, inAttribute: Bool = true) -> String {
    XMLText.escaped(text, inAttribute: inAttribute)
  }

  private static func seconds(_ duration: Duration) -> String {
    let milliseconds = duration.components.seconds * 1000 + duration.components.attoseconds / 1_000_000_000_000_000
    let fraction = String(milliseconds % 1000)
    return "\(milliseconds / 1000).\(String(repeating: "0", count: 3 - fraction.count))\(fraction)"
  }
}
