import ScenarioLang
import ScenarioTesting
import SockKernel
import SockLinux
import SyscallVocabulary

/// What `sockscript verify` made of one script; counted into the summary line as
/// `sockscript test` counts its tests.
public enum VerifyVerdict: Equatable, Sendable {
  case passed
  case failed
  case skipped
  /// `# xfail:` and it failed: counted as passed.
  case expectedFailure
  /// `# xfail:` but it passed: counted as failed, so that the stale marker gets removed.
  case unexpectedPass
}

/// Where a verdict and what went wrong go: lines and text for standard output, text for
/// standard error. The command line prints them; a test can keep them.
public struct VerifyOutput {
  /// A line (its newline added).
  public var out: (String) -> Void
  /// Text as it is.
  public var put: (String) -> Void
  /// Text for standard error, as it is.
  public var error: (String) -> Void
  /// Where `--traces` prints the two traces (`--output FILE`); nil: with the verdicts.
  public var traces: ((String) -> Void)? = nil

  public init(out: @escaping (String) -> Void, put: @escaping (String) -> Void, error: @escaping (String) -> Void) {
    self.out = out
    self.put = put
    self.error = error
  }
}

/// `sockscript verify` for one script: the model run and the kernel run, compared.
public struct ScriptVerification {
  /// The limits of both runs.
  public var limits: Limits
  /// The kernel runs' options (`--slack`, `--time-limit`).
  public var kernel: LinuxBackend.Options
  /// `--traces`: both traces of a script that diverges.
  public var traces: Bool
  /// What those traces keep and add (`--calls`, `--sockets`, `--durations`).
  public var traceControls = TraceControls()
  /// Each trace ends with strace -c's table (`--summary`).
  public var traceSummary = false
  /// The traces as one JSON object per event (`--format jsonl`).
  public var traceJSON = false
  /// Color in rendered diagnostics.
  public var color: Bool
  public var output: VerifyOutput

  public init(limits: Limits, kernel: LinuxBackend.Options, traces: Bool, color: Bool, output: VerifyOutput) {
    self.limits = limits
    self.kernel = kernel
    self.traces = traces
    self.color = color
    self.output = output
  }

  /// Runs one script on both sides and prints its verdict.
  ///
  /// Agreement is not enough: the runs must also end with the exit status the header
  /// declares (`# exit: N`, default 0), as `sockscript test` requires, or a wrong
  /// expectation that fails on both sides would pass.
  public func verify(_ path: String) -> VerifyVerdict {
    guard let bytes = FileBytes.read(path) else {
      output.out("FAIL \(path): cannot read: \(FileBytes.lastError())")
      return .failed
    }
    let file: SourceFile
    do throws(Diagnostic) {
      file = try SourceFile.decode(bytes, name: path)
    } catch {
      output.out("FAIL \(path): not UTF-8")
      output.error(error.rendered(in: .lossy(bytes, name: path), color: color))
      return .failed
    }
    let header: TestHeader
    do throws(Diagnostic) {
      header = try TestHeader.parse(file)
    } catch {
      output.out("FAIL \(path): bad test header")
      output.put(error.rendered(in: file, color: color))
      return .failed
    }
    if let reason = header.skip {
      output.out("skip \(path) (\(reason))")
      return .skipped
    }
    let linux: LinuxBackend
    do {
      linux = try LinuxBackend(options: kernel)
    } catch {
      output.out("FAIL \(path): cannot run on the kernel: \(error)")
      return .failed
    }
    if let hz = header.hz, hz != linux.hz {
      // The kernel's tick rate is its own; the script's times are written for another.
      output.out("skip \(path) (its header asks for HZ \(hz); this kernel runs at HZ \(linux.hz))")
      return .skipped
    }
    let outcome = compareKeepingTime(file, first: linux)
    guard let reason = header.xfail else {
      return outcome.report(path: path, expecting: header, color: color, traces: traces, to: output)
    }
    // An expected failure prints one line; its details would only repeat a known problem.
    if outcome.agrees(expecting: header) {
      output.out("XPASS \(path): agrees, but it is marked xfail (\(reason))")
      return .unexpectedPass
    }
    output.out("xfail \(path) (\(reason))")
    return .expectedFailure
  }

  /// How many times a script runs on the kernel at most, while its kernel run falls behind
  /// the script's timing and diverges, or diverges only by returning after the window: a
  /// busy machine delays a run now and then, which says nothing about the model.
  static let kernelRuns = 3

  /// Compares `file`, running it on the kernel again while the machine's load explains the
  /// divergence (``VerifyOutcome/delayedBy``).
  private func compareKeepingTime(_ file: SourceFile, first linux: LinuxBackend) -> VerifyOutcome {
    var outcome = compare(file, on: linux)
    var runs = 1
    var firstDelay: String?
    while let delay = outcome.delayedBy, runs < Self.kernelRuns, let again = try? LinuxBackend(options: kernel) {
      firstDelay = firstDelay ?? delay
      outcome = compare(file, on: again)
      outcome.firstDelay = firstDelay
      runs += 1
    }
    outcome.kernelRuns = runs
    return outcome
  }

  /// Both runs of `file` and how they compare.
  private func compare(_ file: SourceFile, on linux: LinuxBackend) -> VerifyOutcome {
    var outcome = VerifyOutcome(file: file, hz: linux.hz)
    let kernelTrace = CapturedTrace(controls: traceControls, json: traceJSON)
    let modelTrace = CapturedTrace(controls: traceControls, json: traceJSON)
    let kernelRun = ScriptRunner.run(
      file, on: linux, limits: limits, recordCalls: true, checksTimes: false, output: kernelTrace.add,
      report: { outcome.kernelErrors.append($0) }, configure: kernelTrace.configure)
    let modelRun = ScriptRunner.run(
      file, on: ModelBackend(config: KernelConfig(hz: linux.hz)), limits: limits, recordCalls: true,
      output: modelTrace.add, report: { outcome.modelErrors.append($0) }, configure: modelTrace.configure)
    outcome.kernelTrace = kernelTrace.lines(summarized: traceSummary)
    outcome.modelTrace = modelTrace.lines(summarized: traceSummary)
    outcome.modelStatus = modelRun.status
    outcome.kernelStatus = kernelRun.status
    if linux.exceededTimeLimit {
      outcome.stopped = "the kernel run was stopped after --time-limit \(kernel.timeLimit / 1_000_000_000)s"
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

/// One side's trace as `verify --traces` keeps it: the lines (or, with `--format jsonl`, one
/// object per event) with the trace's controls applied, and what `--summary` counts.
final class CapturedTrace {
  private let controls: TraceControls
  private let json: Bool
  private var kept: [String] = []
  private var summary = TraceSummary()

  init(controls: TraceControls, json: Bool) {
    self.controls = controls
    self.json = json
  }

  func add(_ line: String) { kept.append(line) }

  /// Sets a session up to trace into this capture.
  func configure(_ session: ScenarioSession) {
    session.traceControls = controls
    session.printsTrace = !json
    session.onTraceEvent = { [unowned self] event in
      if json { kept.append(TraceJSON.line(event)) }
      summary.add(event)
    }
  }

  /// The trace, ending with the summary's table when asked for.
  func lines(summarized: Bool) -> [String] { summarized ? kept + summary.lines() : kept }
}
