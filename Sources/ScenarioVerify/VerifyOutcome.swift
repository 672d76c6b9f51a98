import ScenarioLang
import ScenarioTesting

/// The two runs of one script, compared.
struct VerifyOutcome {
  let file: SourceFile
  let hz: Int64
  var modelTrace: [String] = []
  var kernelTrace: [String] = []
  var modelErrors: [Diagnostic] = []
  var kernelErrors: [Diagnostic] = []
  var modelStatus = ExitStatus.ok
  var kernelStatus = ExitStatus.ok
  /// Why the kernel run did not finish, when it did not.
  var stopped: String?
  /// Nil when the script did not run on the model (a script error).
  var divergences: [Divergence]?
  /// The calls compared (those not on a side-only line).
  var compared = 0
  /// Set when the runs diverge: the kernel run fell behind the script's timing.
  var lag: KernelLag?
  /// How the first kernel run was delayed (``delayedBy``), when the script ran on the
  /// kernel again.
  var firstDelay: String?
  var kernelRuns = 1

  /// How the machine's load, not the model, explains the divergence, if it does: the kernel
  /// run fell behind the script's timing, or every divergence is a call the kernel returned
  /// from after its window (a sleep woken late), with nothing else differing.
  var delayedBy: String? {
    if let lag { return Self.describe(lag) }
    guard let divergences, let first = divergences.first, let late = first.kernelLateBy,
      divergences.allSatisfy({ $0.kernelLateBy != nil })
    else { return nil }
    let place = first.location.map { " at \($0)" } ?? ""
    return "returned \((late + 500) / 1_000) µs after its window\(place)"
  }

  /// The runs agree and both end as the header declares.
  func agrees(expecting header: TestHeader) -> Bool {
    stopped == nil && divergences?.isEmpty == true && modelStatus.rawValue == header.expectedExit
  }

  /// Prints the verdict line and what went wrong under it.
  func report(
    path: String, expecting header: TestHeader, color: Bool, traces: Bool, to output: VerifyOutput
  ) -> VerifyVerdict {
    guard let divergences else {
      output.out("FAIL \(path): the script does not run")
      for error in modelErrors { output.error(error.rendered(in: file, color: color)) }
      return .failed
    }
    if let stopped {
      output.out("FAIL \(path): \(stopped)")
      return .failed
    }
    if divergences.isEmpty && modelStatus.rawValue == header.expectedExit {
      let again = firstDelay.map { "; kernel run \(kernelRuns): the first \($0)" } ?? ""
      output.out("ok   \(path) (\(compared) calls agree\(again))")
      return .passed
    }
    if let lag {
      // What diverges after the kernel fell behind compares the machine's load, not the model.
      let runs = kernelRuns > 1 ? " (\(kernelRuns) kernel runs)" : ""
      output.out("FAIL \(path): the kernel run \(Self.describe(lag)); the comparison is not meaningful\(runs)")
      printTraces(traces, to: output)
      return .failed
    }
    if divergences.isEmpty {
      // Agreement with the kernel on an expectation that does not hold is no pass.
      let status = modelStatus.rawValue
      output.out(
        "FAIL \(path): both runs end with exit status \(status) (\(TestProblem.meaning(status))), "
          + "expected \(header.expectedExit)")
    } else {
      let runs = kernelRuns > 1 ? " (\(kernelRuns) kernel runs)" : ""
      output.out("FAIL \(path): \(divergences.count) divergence\(divergences.count == 1 ? "" : "s")\(runs)")
      for group in DivergenceGroup.grouping(divergences) { output.out(group.rendered(in: file)) }
    }
    printFailedExpectations(expecting: header, color: color, to: output)
    printTraces(traces, to: output)
    return .failed
  }

  /// `fell 140 ms behind the script's timing at 3:28`.
  static func describe(_ lag: KernelLag) -> String {
    "fell \((lag.behind + 500_000) / 1_000_000) ms behind the script's timing at \(lag.location)"
  }

  private func printTraces(_ traces: Bool, to output: VerifyOutput) {
    guard traces else { return }
    let out = output.traces ?? output.out
    if output.traces != nil { out("==> \(file.name) <==") }
    out("  --- model (HZ \(hz))")
    for line in modelTrace { out("  " + line) }
    out("  --- kernel")
    for line in kernelTrace { out("  " + line) }
  }

  /// The diagnostics of each run that did not end as declared: the model's, then the
  /// kernel's when they say something else.
  private func printFailedExpectations(expecting header: TestHeader, color: Bool, to output: VerifyOutput) {
    let expected = header.expectedExit
    if modelStatus.rawValue != expected {
      for error in modelErrors { output.put(error.rendered(in: file, color: color)) }
    }
    if kernelStatus.rawValue != expected && kernelErrors != modelErrors {
      output.out("  --- the kernel run's diagnostics")
      for error in kernelErrors { output.put(error.rendered(in: file, color: color)) }
    }
  }
}
