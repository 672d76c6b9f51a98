import ScenarioLang
import ScenarioTesting
import SockKernel
import SockLinux
import SyscallVocabulary

/// What `sockscript verify` made of one script; counted into the summary line as
/// `sockscript test` counts its tests.
enum VerifyVerdict: Equatable {
  case passed
  case failed
  case skipped
  /// `# xfail:` and it failed: counted as passed.
  case expectedFailure
  /// `# xfail:` but it passed: counted as failed, so that the stale marker gets removed.
  case unexpectedPass
}

extension Verify {
  /// Runs one script on both sides and prints its verdict.
  ///
  /// Agreement is not enough: the runs must also end with the exit status the header
  /// declares (`# exit: N`, default 0), as `sockscript test` requires, or a wrong
  /// expectation that fails on both sides would pass.
  func verify(_ path: String) -> VerifyVerdict {
    guard let bytes = Terminal.read(path) else {
      Terminal.out("FAIL \(path): cannot read: \(Terminal.lastError())")
      return .failed
    }
    let color = Terminal.wantsColor
    let file: SourceFile
    do throws(Diagnostic) {
      file = try SourceFile.decode(bytes, name: path)
    } catch {
      Terminal.out("FAIL \(path): not UTF-8")
      Terminal.error(error.rendered(in: .lossy(bytes, name: path), color: color), newline: false)
      return .failed
    }
    let header: TestHeader
    do throws(Diagnostic) {
      header = try TestHeader.parse(file)
    } catch {
      Terminal.out("FAIL \(path): bad test header")
      Terminal.put(error.rendered(in: file, color: color))
      return .failed
    }
    if let reason = header.skip {
      Terminal.out("skip \(path) (\(reason))")
      return .skipped
    }
    let linux: LinuxBackend
    do {
      linux = try LinuxBackend(options: kernel.backendOptions)
    } catch {
      Terminal.out("FAIL \(path): cannot run on the kernel: \(error)")
      return .failed
    }
    if let hz = header.hz, hz != linux.hz {
      // The kernel's tick rate is its own; the script's times are written for another.
      Terminal.out("skip \(path) (its header asks for HZ \(hz); this kernel runs at HZ \(linux.hz))")
      return .skipped
    }
    let outcome = compareKeepingTime(file, first: linux)
    guard let reason = header.xfail else {
      return outcome.report(path: path, expecting: header, color: color, traces: traces)
    }
    // An expected failure prints one line; its details would only repeat a known problem.
    if outcome.agrees(expecting: header) {
      Terminal.out("XPASS \(path): agrees, but it is marked xfail (\(reason))")
      return .unexpectedPass
    }
    Terminal.out("xfail \(path) (\(reason))")
    return .expectedFailure
  }

  /// How many times a script runs on the kernel at most, while its kernel run falls behind
  /// the script's timing and diverges: a busy machine delays a run now and then, which
  /// says nothing about the model.
  static let kernelRuns = 3

  /// Compares `file`, running it on the kernel again while the kernel run fell behind.
  private func compareKeepingTime(_ file: SourceFile, first linux: LinuxBackend) -> VerifyOutcome {
    var outcome = compare(file, on: linux)
    var runs = 1
    var firstLag: KernelLag?
    while let lag = outcome.lag, runs < Self.kernelRuns, let again = try? LinuxBackend(options: kernel.backendOptions) {
      firstLag = firstLag ?? lag
      outcome = compare(file, on: again)
      outcome.firstLag = firstLag
      runs += 1
    }
    outcome.kernelRuns = runs
    return outcome
  }

  /// Both runs of `file` and how they compare.
  private func compare(_ file: SourceFile, on linux: LinuxBackend) -> VerifyOutcome {
    var outcome = VerifyOutcome(file: file, hz: linux.hz)
    let kernelRun = ScriptRunner.run(
      file, on: linux, limits: limitOptions.limits, recordCalls: true, checksTimes: false,
      output: { outcome.kernelTrace.append($0) }, report: { outcome.kernelErrors.append($0) })
    let modelRun = ScriptRunner.run(
      file, on: ModelBackend(config: KernelConfig(hz: linux.hz)), limits: limitOptions.limits, recordCalls: true,
      output: { outcome.modelTrace.append($0) }, report: { outcome.modelErrors.append($0) })
    outcome.modelStatus = modelRun.status
    outcome.kernelStatus = kernelRun.status
    if linux.exceededTimeLimit {
      outcome.stopped = "the kernel run was stopped after --time-limit \(kernel.timeLimit)s"
    }
    guard modelRun.status != .scriptError, let modelLog = modelRun.callLog, var kernelLog = kernelRun.callLog,
      let script = modelRun.script
    else { return outcome }
    kernelLog.attach(linux.timings)
    let comparison = Comparison(tolerance: linux.tolerance, sideOnlyLines: script.sideOnlyLines)
    outcome.divergences = comparison.divergences(
      model: modelLog, modelStatus: modelRun.status, kernel: kernelLog, kernelStatus: kernelRun.status)
    outcome.compared = modelLog.calls.filter { !script.sideOnlyLines.contains($0.location.line) }.count
    if outcome.divergences?.isEmpty == false { outcome.lag = comparison.lag(model: modelLog, kernel: kernelLog) }
    return outcome
  }
}

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
  /// How the first kernel run fell behind, when the script ran on the kernel again.
  var firstLag: KernelLag?
  var kernelRuns = 1

  /// The runs agree and both end as the header declares.
  func agrees(expecting header: TestHeader) -> Bool {
    stopped == nil && divergences?.isEmpty == true && modelStatus.rawValue == header.expectedExit
  }

  /// Prints the verdict line and what went wrong under it.
  func report(path: String, expecting header: TestHeader, color: Bool, traces: Bool) -> VerifyVerdict {
    guard let divergences else {
      Terminal.out("FAIL \(path): the script does not run")
      for error in modelErrors { Terminal.error(error.rendered(in: file, color: color), newline: false) }
      return .failed
    }
    if let stopped {
      Terminal.out("FAIL \(path): \(stopped)")
      return .failed
    }
    if divergences.isEmpty && modelStatus.rawValue == header.expectedExit {
      let again = firstLag.map { "; kernel run \(kernelRuns): the first " + Self.describe($0) } ?? ""
      Terminal.out("ok   \(path) (\(compared) calls agree\(again))")
      return .passed
    }
    if let lag {
      // What diverges after the kernel fell behind compares the machine's load, not the model.
      let runs = kernelRuns > 1 ? " (\(kernelRuns) kernel runs)" : ""
      Terminal.out("FAIL \(path): the kernel run \(Self.describe(lag)); the comparison is not meaningful\(runs)")
      printTraces(traces)
      return .failed
    }
    if divergences.isEmpty {
      // Agreement with the kernel on an expectation that does not hold is no pass.
      let status = modelStatus.rawValue
      Terminal.out(
        "FAIL \(path): both runs end with exit status \(status) (\(TestProblem.meaning(status))), "
          + "expected \(header.expectedExit)")
    } else {
      Terminal.out("FAIL \(path): \(divergences.count) divergence\(divergences.count == 1 ? "" : "s")")
      for group in DivergenceGroup.grouping(divergences) { Terminal.out(Verify.render(group, in: file)) }
    }
    printFailedExpectations(expecting: header, color: color)
    printTraces(traces)
    return .failed
  }

  /// `fell 140 ms behind the script's timing at 3:28`.
  static func describe(_ lag: KernelLag) -> String {
    "fell \((lag.behind + 500_000) / 1_000_000) ms behind the script's timing at \(lag.location)"
  }

  private func printTraces(_ traces: Bool) {
    guard traces else { return }
    Terminal.out("  --- model (HZ \(hz))")
    for line in modelTrace { Terminal.out("  " + line) }
    Terminal.out("  --- kernel")
    for line in kernelTrace { Terminal.out("  " + line) }
  }

  /// The diagnostics of each run that did not end as declared: the model's, then the
  /// kernel's when they say something else.
  private func printFailedExpectations(expecting header: TestHeader, color: Bool) {
    let expected = header.expectedExit
    if modelStatus.rawValue != expected {
      for error in modelErrors { Terminal.put(error.rendered(in: file, color: color)) }
    }
    if kernelStatus.rawValue != expected && kernelErrors != modelErrors {
      Terminal.out("  --- the kernel run's diagnostics")
      for error in kernelErrors { Terminal.put(error.rendered(in: file, color: color)) }
    }
  }
}
