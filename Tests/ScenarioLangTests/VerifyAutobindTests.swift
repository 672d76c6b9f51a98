import SyscallVocabulary
import Testing

@testable import ScenarioLang

/// verify pairs the names an autobind gave on each side.
@Suite("verify: autobind names")
struct VerifyAutobindTests {
  static func log(_ names: [String]) -> CallLog {
    var log = CallLog()
    for (i, name) in names.enumerated() {
      log.issued(
        tag: i, actor: "a", location: SourceLocation(line: i + 1, column: 1, offset: i * 10), word: "getsockname",
        name: "getsockname")
      var outcome = SyscallOutcome.success()
      outcome.name = SockAddrUn.abstract(Array(name.utf8))
      log.returned(tag: i, outcome: outcome, startedAt: 0, at: 0)
    }
    return log
  }

  func divergences(model: [String], kernel: [String]) -> [Divergence] {
    Comparison(tolerance: KernelTolerance(hz: 250)).divergences(
      model: Self.log(model), modelStatus: .ok, kernel: Self.log(kernel), kernelStatus: .ok)
  }

  @Test("names the kernel picked pair with the model's when each always stands for the same one")
  func consistentNamesAgree() {
    #expect(divergences(model: ["00000", "00001", "00000"], kernel: ["8947b", "79564", "8947b"]).isEmpty)
  }

  @Test("a kernel name that stands for two model names is no match")
  func inconsistentNamesDiffer() {
    // Neither is renamed: both calls differ.
    #expect(divergences(model: ["00000", "00001"], kernel: ["8947b", "8947b"]).count == 2)
  }

  @Test("a name of another shape is compared as it is")
  func otherNamesCompareExactly() {
    #expect(divergences(model: ["hidden"], kernel: ["hiddex"]).count == 1)
  }
}
