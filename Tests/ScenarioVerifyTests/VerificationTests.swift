import ScenarioTesting
import Testing

@testable import ScenarioLang
@testable import ScenarioVerify

/// The verdict lines of `sockscript verify` that come before any kernel run, and the
/// rendering of divergences, with the output kept instead of printed.
@Suite("Verify's driver")
struct VerificationTests {
  /// The verification of one script with its output kept.
  final class Kept {
    var stdout = ""
    var stderr = ""

    func verification() -> ScriptVerification {
      ScriptVerification(
        limits: Limits(), kernel: .init(), traces: false, color: false,
        output: VerifyOutput(
          out: { self.stdout += $0 + "\n" }, put: { self.stdout += $0 }, error: { self.stderr += $0 }))
    }
  }

  @Test func anUnreadableScriptFailsWithTheReason() {
    let kept = Kept()
    #expect(kept.verification().verify("/nonexistent/a.sock") == .failed)
    #expect(kept.stdout == "FAIL /nonexistent/a.sock: cannot read: No such file or directory\n")
  }

  @Test func aDivergenceNamesItsPlaceAndBothSides() {
    let file = SourceFile(name: "a.sock", text: "x\n")
    let divergence = Divergence(
      location: SourceLocation(line: 3, column: 5, offset: 0), call: "c1 connect", aspect: "result", model: "0",
      kernel: "-1 ECONNREFUSED")
    let one = DivergenceGroup.grouping([divergence])
    #expect(one.count == 1)
    #expect(
      one[0].rendered(in: file)
        == "  a.sock:3:5: c1 connect: result differs\n      model:  0\n      kernel: -1 ECONNREFUSED")
    let loop = DivergenceGroup.grouping(Array(repeating: divergence, count: 3))
    #expect(
      loop[0].rendered(in: file).hasPrefix("  a.sock:3:5: c1 connect: result differs, 3 times here (the first shown)\n")
    )
  }

  /// A `time` divergence at line 4, the kernel `late` nanoseconds past its window (nil: a
  /// result divergence).
  static func divergence(late: Int64?) -> Divergence {
    var divergence = Divergence(
      location: SourceLocation(line: 4, column: 1, offset: 0), call: "main wait4",
      aspect: late == nil ? "result" : "time", model: "a", kernel: "b")
    divergence.kernelLateBy = late
    return divergence
  }

  @Test func onlyLateReturnsOrALagAreTheMachinesDelay() {
    let file = SourceFile(name: "a.sock", text: "x\n")
    var outcome = VerifyOutcome(file: file, hz: 250)
    outcome.divergences = [Self.divergence(late: 136_600), Self.divergence(late: 2_000_000)]
    #expect(outcome.delayedBy == "returned 137 µs after its window at 4:1")
    outcome.divergences = [Self.divergence(late: 136_600), Self.divergence(late: nil)]
    #expect(outcome.delayedBy == nil)
    outcome.divergences = []
    #expect(outcome.delayedBy == nil)
    outcome.lag = KernelLag(location: SourceLocation(line: 3, column: 28, offset: 0), behind: 139_600_000)
    #expect(outcome.delayedBy == "fell 140 ms behind the script's timing at 3:28")
  }

  @Test func aRunAgainSaysWhyAndHowManyRuns() {
    let kept = Kept()
    let output = VerifyOutput(out: { kept.stdout += $0 + "\n" }, put: { kept.stdout += $0 }, error: { _ in })
    var outcome = VerifyOutcome(file: SourceFile(name: "a.sock", text: "x\n"), hz: 250)
    outcome.divergences = []
    outcome.compared = 6
    outcome.kernelRuns = 2
    outcome.firstDelay = "returned 137 µs after its window at 4:1"
    #expect(outcome.report(path: "a.sock", expecting: TestHeader(), color: false, traces: false, to: output) == .passed)
    #expect(
      kept.stdout == "ok   a.sock (6 calls agree; kernel run 2: the first returned 137 µs after its window at 4:1)\n")
    kept.stdout = ""
    outcome.divergences = [Self.divergence(late: 136_600)]
    outcome.kernelRuns = 3
    #expect(outcome.report(path: "a.sock", expecting: TestHeader(), color: false, traces: false, to: output) == .failed)
    #expect(kept.stdout.hasPrefix("FAIL a.sock: 1 divergence (3 kernel runs)\n"))
  }

  @Test func aLagIsDescribedInMillisecondsAtItsPlace() {
    let lag = KernelLag(location: SourceLocation(line: 3, column: 28, offset: 0), behind: 139_600_000)
    #expect(VerifyOutcome.describe(lag) == "fell 140 ms behind the script's timing at 3:28")
  }
}
