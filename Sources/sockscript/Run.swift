import ArgumentParser
import ScenarioLang
import SockKernel
import SockLinux
import SyscallVocabulary

/// `sockscript run`: runs scripts and prints their trace.
struct Run: ParsableCommand {
  static let configuration = CommandConfiguration(
    // Named here, not derived from the type: ArgumentParser derives it with reflection
    // (String(describing:)) each time it asks, some 18 000 instructions, for every argument.
    commandName: "run",
    abstract: "Run scenario scripts and print what each call returned, and when.",
    discussion: """
      Examples:
        sockscript run samples/seed/sndtimeo-1s.sock
        sockscript run -e 'server listen 0; client c sndtimeo 1s connect; c connect'
        echo 'server listen 1' | sockscript run -
        sockscript run --explain samples/backlog/admits-1-listen-0.sock
        sockscript run -q --max-statements 5000000 samples/repeat/reuse-name.sock
        sockscript run --backend linux samples/seed/sndtimeo-10ms.sock
        sockscript run --calls connect --durations samples/seed/sndtimeo-1s.sock
        sockscript run -q --summary samples/backlog/admits-1-listen-0.sock
        sockscript run --format jsonl --output t.jsonl samples/seed/sndtimeo-1s.sock
        sockscript run -q --timeline run.svg samples/seed/sndtimeo-1s.sock

      Each FILE runs on a fresh kernel; with several, the output of each is headed '==> FILE <=='. The exit status is the worst of all runs: 0 ok, 1 an expectation failed, 2 the scenario blocks forever, 3 killed by a signal, 65 a script error, 70 an internal error, 74 a file could not be read.

      With --backend linux the script runs on real AF_UNIX sockets of this machine: one thread per socket, real blocking calls, real time, in a private directory and network namespace that are removed afterwards. Descriptors are numbered as in a fresh process (3, 4, ...). See docs/verify.md.
      """
  )

  @Option(
    name: [.short, .customLong("eval")],
    help: ArgumentHelp("Run SCRIPT given on the command line.", valueName: "SCRIPT"))
  var eval: String?

  @Flag(help: "Print the kernel's reason (function and check) under every sleep and error.")
  var explain = false

  @Flag(
    name: [.short, .long],
    help: "Print no trace: only diagnostics (failed expectations, errors) and the exit status.")
  var quiet = false

  @Option(
    help: ArgumentHelp(
      "Kernel tick rate (CONFIG_HZ); timeouts are counted in ticks. (default: \(KernelConfig.defaultHZ))",
      valueName: "HZ"))
  var hz: Int64?

  @Option(help: ArgumentHelp("Where the calls run: the model, or this machine's kernel.", valueName: "BACKEND"))
  var backend: BackendKind = .model

  @OptionGroup(title: "Trace")
  var trace: TraceOptions

  @OptionGroup(title: "Limits")
  var limitOptions: LimitOptions

  @OptionGroup(title: "Kernel backend")
  var kernel: KernelOptions

  @Argument(
    help: ArgumentHelp("Script files to run; '-' reads standard input.", valueName: "FILE"),
    completion: .file(extensions: ["sock"]))
  var files: [String] = []

  func validate() throws {
    if eval == nil && files.isEmpty {
      throw ValidationError("give a script: FILE, '-' for standard input, or -e 'SCRIPT'")
    }
    if eval != nil && !files.isEmpty {
      throw ValidationError("give either -e 'SCRIPT' or FILEs, not both")
    }
    if let hz, !KernelConfig.hzRange.contains(hz) {
      throw ValidationError(
        "--hz must be between \(KernelConfig.hzRange.lowerBound) and \(KernelConfig.hzRange.upperBound) (\(KernelConfig.usualHZ))"
      )
    }
    if quiet && explain { throw ValidationError("--explain adds to the trace, which --quiet turns off") }
    if quiet && (trace.durations || trace.format == .jsonl) {
      throw ValidationError(
        "--\(trace.durations ? "durations" : "format jsonl") shapes the trace, which --quiet turns off")
    }
    if !trace.timeline.isEmpty && (files.count > 1) {
      throw ValidationError("--timeline draws one run: give one script")
    }
    if explain && trace.format == .jsonl {
      throw ValidationError("--explain adds lines to the text trace; in jsonl every event carries its reason")
    }
    if hz != nil && backend == .linux {
      throw ValidationError("--hz applies to the model; the kernel runs at its own HZ (sockscript measures it)")
    }
  }

  func run() throws {
    let output: TraceOutput
    if let path = trace.output {
      guard let opened = TraceOutput(path: path) else {
        Terminal.commandError("cannot write '\(path)': \(Terminal.lastError())")
        throw ExitCode(ExitStatus.ioError.rawValue)
      }
      output = opened
    } else {
      output = TraceOutput()
    }
    // Every timeline file is opened before the run, so that one that cannot be written
    // stops it before it starts.
    let timeline: TimelineRecorder?
    do throws(TimelineError) {
      timeline = trace.timeline.isEmpty ? nil : try TimelineRecorder(paths: trace.timeline)
    } catch {
      Terminal.commandError("\(error)")
      throw ExitCode(ExitStatus.ioError.rawValue)
    }
    var config = KernelConfig()
    config.hz = hz ?? KernelConfig.defaultHZ
    var worst = ExitStatus.ok
    let sources: [(name: String, bytes: Result<[UInt8], Terminal.ReadError>)] =
      if let eval { [("-e", .success(Array(eval.utf8)))] } else {
        files.map {
          // One byte over the limit is enough to refuse a script: never read more.
          ($0 == "-" ? "<stdin>" : $0, Terminal.readFile($0, atMost: limits.maxScriptBytes + 1))
        }
      }
    for (index, source) in sources.enumerated() {
      TestHooks.beforeRunning(source.name)
      if sources.count > 1 {
        switch trace.format {
        case .text: output.write((index > 0 ? "\n" : "") + "==> \(source.name) <==")
        case .jsonl: output.write(TraceJSON.runHeader(file: source.name))
        }
      }
      let bytes: [UInt8]
      switch source.bytes {
      case .success(let read):
        bytes = read
      case .failure(let error):
        Terminal.commandError("cannot read '\(source.name)': \(error.reason)")
        worst = max(worst, .ioError)
        continue
      }
      let status = runOne(bytes, name: source.name, config: config, output: output, timeline: timeline)
      worst = max(worst, status)
    }
    do throws(TimelineError) {
      try timeline?.finish()
    } catch {
      Terminal.commandError("\(error)")
      worst = max(worst, .ioError)
    }
    Terminal.flush()
    if !output.close() {
      Terminal.commandError("cannot write '\(trace.output ?? "-")': \(Terminal.lastError())")
      worst = max(worst, .ioError)
    }
    if worst != .ok { throw ExitCode(worst.rawValue) }
  }

  private var limits: Limits { limitOptions.limits }

  private func runOne(
    _ bytes: [UInt8], name: String, config: KernelConfig, output trace: TraceOutput, timeline: TimelineRecorder?
  ) -> ExitStatus {
    let color = Terminal.wantsColor
    let file: SourceFile
    do throws(Diagnostic) {
      // Before decoding: a script cut at the limit may end inside a UTF-8 sequence.
      if bytes.count > limits.maxScriptBytes { try limits.checkSize(of: .lossy(bytes, name: name)) }
      file = try SourceFile.decode(bytes, name: name)
    } catch {
      Terminal.error(error.rendered(in: .lossy(bytes, name: name), color: color), newline: false)
      return .scriptError
    }
    let output: (String) -> Void = { trace.write($0) }
    let report: (Diagnostic) -> Void = { Terminal.error($0.rendered(in: file, color: color), newline: false) }
    var summary = TraceSummary()
    let options = self.trace
    let keepsSession = backend == .model
    FinishedRun.session = nil
    let configure: (ScenarioSession) -> Void = { session in
      if keepsSession { FinishedRun.session = session }
      session.traceControls = options.controls
      session.printsTrace = !quiet && options.format == .text
      session.lineSink = { trace.write(bytes: $0) }
      let jsonl = options.format == .jsonl
      let summarizes = options.summary
      if jsonl || summarizes || timeline != nil {
        session.onTraceEvent = { event in
          if jsonl { trace.write(TraceJSON.line(event)) }
          if summarizes { summary.add(event) }
          timeline?.record(event)
        }
      }
    }
    // The events are made when something consumes them: the text, jsonl, the summary or a
    // timeline.
    let tracing = !quiet || options.summary || options.format == .jsonl || timeline != nil
    var status: ExitStatus
    if backend == .linux {
      do {
        status = try ScriptRunner.run(
          file, on: try LinuxBackend(options: kernel.backendOptions), explain: explain, limits: limits,
          tracing: tracing, output: output, report: report, configure: configure
        ).status
      } catch {
        Terminal.commandError("cannot run on the kernel: \(error)")
        return .internalError
      }
    } else {
      status = ScriptRunner.run(
        file, config: config, explain: explain, limits: limits, tracing: tracing, output: output, report: report,
        configure: configure)
    }
    if options.summary { summary.lines().forEach(trace.write) }
    return status
  }
}
