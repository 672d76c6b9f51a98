import ArgumentParser
import ScenarioLang
import ScenarioTesting
import ScenarioVerify
import SockKernel
import SockLinux
import SyscallVocabulary

/// `sockscript verify`: runs scripts on the model and on the kernel and compares them.
struct Verify: ParsableCommand {
  static let configuration = CommandConfiguration(
    // Named here rather than derived, as Run's is.
    commandName: "verify",
    abstract: "Run scripts on the model and on this machine's kernel, and compare them call by call.",
    usage: "sockscript verify [<options>] [<PATH> ...]",
    discussion: """
      Examples:
        sockscript verify samples/
        sockscript verify --traces samples/seed/seed-line.sock

      For every call: the return value or errno, whether it slept, and when it returned. A call that its own timeout ends is timed in the kernel's jiffies from the jiffy it entered in: never sooner than the timeout and one jiffy, later by up to the timer wheel's rounding, two jiffies, --slack and the time its thread waited for a CPU. Other calls may return up to --slack (and that wait) after the model's time, shifted by how far behind the kernel run was (docs/verify.md explains the window). The model runs at the kernel's HZ, measured at start. Lines marked '# model-only: WHY' or '# kernel-only: WHY' run on their side only and are not compared.

      A script passes when both runs agree and end with the exit status its header declares ('# exit: N', default 0), as with 'sockscript test', whose skip and xfail directives count here too. When the kernel run falls behind the script's timing (a call started after a timeout it came before on the model could have ended), the script runs on the kernel again, three runs at most.

      EXIT STATUS
        0   every script passes
        1   a script diverges or fails, or there was no script to run
        64  bad command-line usage
        74  a PATH does not exist
      """
  )

  @Flag(help: "Print both traces of every script that diverges.")
  var traces = false

  @Option(help: ArgumentHelp("With --traces: only these calls, by the names the trace prints.", valueName: "CALL,..."))
  var calls: String?

  @Option(help: ArgumentHelp("With --traces: only the calls on these sockets.", valueName: "NAME,..."))
  var sockets: String?

  @Flag(help: "With --traces: end each returned call's line with the time it took (real time on the kernel).")
  var durations = false

  @Flag(help: "With --traces: end each trace with a table of its calls (strace -c).")
  var summary = false

  @Option(help: ArgumentHelp("With --traces: the traces' format, text or jsonl.", valueName: "FORMAT"))
  var format: TraceFormat = .text

  @Option(help: ArgumentHelp("With --traces: write the traces to FILE, each headed by its script.", valueName: "FILE"))
  var output: String?

  @OptionGroup(title: "Limits")
  var limitOptions: LimitOptions

  @OptionGroup(title: "Kernel runs")
  var kernel: KernelOptions

  @Argument(
    help: ArgumentHelp("Script files, or directories searched for *.sock. (default: .)", valueName: "PATH"),
    completion: .file(extensions: ["sock"]))
  var paths: [String] = []

  func validate() throws {
    if !traces && (calls != nil || sockets != nil || durations || summary || format != .text || output != nil) {
      throw ValidationError(
        "--calls, --sockets, --durations, --summary, --format and --output shape the traces of --traces; add --traces")
    }
    for name in TraceOptions.list(calls) ?? [] {
      if let problem = TraceControls.unknownCall(name) { throw ValidationError(problem) }
    }
  }

  func run() throws {
    let scripts: [String]
    do throws(ScriptSelection.Failure) {
      scripts = try ScriptSelection.scripts(in: paths)
    } catch {
      Terminal.commandError(error.message)
      throw ExitCode(error.status.rawValue)
    }
    let traceFile: TraceOutput?
    if let path = output {
      guard let opened = TraceOutput(path: path) else {
        Terminal.commandError("cannot write '\(path)': \(Terminal.lastError())")
        throw ExitCode(ExitStatus.ioError.rawValue)
      }
      traceFile = opened
    } else {
      traceFile = nil
    }
    var verification = ScriptVerification(
      limits: limitOptions.limits, kernel: kernel.backendOptions, traces: traces, color: Terminal.wantsColor,
      output: VerifyOutput(out: Terminal.out, put: Terminal.put, error: { Terminal.error($0, newline: false) }))
    verification.traceControls = TraceControls(
      calls: TraceOptions.list(calls).map(Set.init), sockets: TraceOptions.list(sockets).map(Set.init),
      durations: durations)
    if let traceFile { verification.output.traces = traceFile.write }
    verification.traceSummary = summary
    verification.traceJSON = format == .jsonl
    var passed = 0
    var failed = 0
    var skipped = 0
    for script in scripts {
      switch verification.verify(script) {
      case .passed, .expectedFailure: passed += 1
      case .failed, .unexpectedPass: failed += 1
      case .skipped: skipped += 1
      }
    }
    if let traceFile, !traceFile.close() {
      Terminal.commandError("cannot write '\(output ?? "")': \(Terminal.lastError())")
      throw ExitCode(ExitStatus.ioError.rawValue)
    }
    Terminal.out("\(passed) passed, \(failed) failed" + (skipped > 0 ? ", \(skipped) skipped" : ""))
    Terminal.flush()
    if failed > 0 { throw ExitCode(ExitStatus.expectationFailed.rawValue) }
  }
}
