import Testing

@testable import ScenarioTesting

/// The three reports of `sockscript test` (human, TAP, JUnit), from outcomes built by hand:
/// what each says of a pass, a skip, an xfail, an XPASS and a failure.
@Suite("Test reports")
struct ReportTests {
  static func outcome(_ path: String, _ verdict: TestOutcome.Verdict, _ problems: [TestProblem] = [])
    -> TestOutcome
  {
    TestOutcome(path: path, verdict: verdict, problems: problems, change: nil, elapsed: .milliseconds(1500))
  }

  @Test func theSummaryCountsAnXfailAsPassedAndAnXpassAsFailed() {
    var summary = TestSummary()
    for verdict: TestOutcome.Verdict in [.passed, .expectedFailure("old"), .unexpectedPass("stale"), .skipped("no")] {
      summary.add(Self.outcome("a.sock", verdict))
    }
    #expect(summary.passed == 2 && summary.failed == 1 && summary.skipped == 1)
    #expect(summary.line == "2 passed, 1 failed, 1 skipped")
  }

  @Test func theSummaryLineMentionsSkipsOnlyWhenThereAreAny() {
    var summary = TestSummary()
    summary.add(Self.outcome("a.sock", .passed))
    #expect(summary.line == "1 passed, 0 failed")
  }

  @Test func tapMarksSkipsAndXfailsWithDirectives() {
    let tap = TAPReport()
    #expect(tap.header(count: 2) == "TAP version 13\n1..2\n")
    #expect(tap.entry(1, Self.outcome("a.sock", .passed)) == "ok 1 - a.sock\n")
    #expect(tap.entry(2, Self.outcome("b#c.sock", .skipped("not\nhere"))) == "ok 2 - b\\#c.sock # SKIP not here\n")
    #expect(tap.entry(3, Self.outcome("d.sock", .expectedFailure("gap"))) == "not ok 3 - d.sock # TODO gap\n")
  }

  @Test func tapPutsAFailureInAYamlBlock() {
    let failure = Self.outcome("e.sock", .failed, [.unusable(summary: "bad test header", details: "")])
    #expect(
      TAPReport().entry(4, failure) == "not ok 4 - e.sock\n  ---\n  message: \"bad test header\"\n  ...\n")
  }

  @Test func tapEndsWithTheChangesAndTheSummaryAsComments() {
    var summary = TestSummary()
    summary.add(Self.outcome("a.sock", .passed))
    let changes = [GoldenChange(path: "a.out", created: true)]
    #expect(TAPReport().footer(changes, summary) == "# created a.out\n# 1 passed, 0 failed\n")
  }

  @Test func junitCountsAndNamesEachCaseByItsDirectory() {
    var summary = TestSummary()
    let outcomes = [
      Self.outcome("samples/x/a.sock", .passed), Self.outcome("samples/b.sock", .unexpectedPass("stale")),
    ]
    for outcome in outcomes { summary.add(outcome) }
    let xml = JUnitReport.xml(outcomes, summary, elapsed: .seconds(3))
    #expect(
      xml.contains(
        "<testsuites name=\"sockscript test\" tests=\"2\" failures=\"1\" errors=\"0\" skipped=\"0\" time=\"3.000\">"))
    #expect(xml.contains("<testcase name=\"samples/x/a.sock\" classname=\"samples.x\" time=\"1.500\"/>"))
    #expect(xml.contains("<failure message=\"passed, but it is marked xfail (stale)\" type=\"XPASS\"/>"))
  }

  @Test func junitEscapesMarkupAndControlCharacters() {
    #expect(JUnitReport.escape("<a & 'b'>\n") == "&lt;a &amp; &apos;b&apos;&gt;&#10;")
    #expect(JUnitReport.escape("x\ny", inAttribute: false) == "x\ny")
    #expect(JUnitReport.escape("\u{1}") == "\u{FFFD}")
  }

  @Test func theHumanReportEndsWithTheSummaryLine() {
    var summary = TestSummary()
    summary.add(Self.outcome("a.sock", .passed))
    let report = HumanReport(color: false)
    #expect(report.entry(Self.outcome("a.sock", .passed)).hasPrefix("PASS  a.sock"))
    #expect(report.footer([], summary).hasSuffix("1 passed, 0 failed\n"))
  }
}

@Suite("Test report colors")
struct ReportColorTests {
  @Test func aColoredVerdictIsPaintedAndResetAndTheRestIsPlain() {
    let failed = ReportTests.outcome("a.sock", .unexpectedPass("stale"))
    let line = HumanReport(color: true).entry(failed)
    #expect(line == "\u{1B}[1;31mXPASS\u{1B}[0m a.sock: passed, but it is marked xfail (stale)\n")
    #expect(!HumanReport(color: false).entry(failed).contains("\u{1B}"))
  }
}
