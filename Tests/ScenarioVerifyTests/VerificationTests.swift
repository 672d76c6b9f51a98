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

  @Test func aLagIsDescribedInMillisecondsAtItsPlace() {
    let lag = KernelLag(location: SourceLocation(line: 3, column: 28, offset: 0), behind: 139_600_000)
    #expect(VerifyOutcome.describe(lag) == "fell 140 ms behind the script's timing at 3:28")
  }
}
