import ArgumentParser
import ScenarioLang
import SockKernel
import SyscallVocabulary

/// `sockscript verify`: runs scripts on the model and on the kernel and compares them.
struct Verify: ParsableCommand {
  static let configuration = CommandConfiguration(
    abstract: "Run scripts on the model and on this machine's kernel, and compare them call by call.",
    usage: "sockscript verify [<options>] [<PATH> ...]",
    discussion: """
      Examples:
        sockscript verify samples/
        sockscript verify --traces samples/seed/seed-line.sock

      For every call: the return value or errno, whether it slept, and when it returned. A kernel time may be up to one jiffy earlier than the model's, and later by the timer wheel's rounding of each timeout that fired before it, plus --slack (docs/verify.md explains the window). The model runs at the kernel's HZ, measured at start. Lines marked '# model-only: WHY' or '# kernel-only: WHY' run on their side only and are not compared.

      EXIT STATUS
        0   every script agrees
        1   a script diverges or fails to run, or there was no script to run
        64  bad command-line usage
        74  a PATH does not exist
      """
  )

  @Flag(help: "Print both traces of every script that diverges.")
  var traces = false

  @OptionGroup(title: "Limits")
  var limitOptions: LimitOptions

  @OptionGroup(title: "Kernel runs")
  var kernel: KernelOptions

  @Argument(
    help: ArgumentHelp("Script files, or directories searched for *.sock. (default: .)", valueName: "PATH"),
    completion: .file(extensions: ["sock"]))
  var paths: [String] = []

  func run() throws {
    let scripts: [String]
    do throws(ScriptSelection.Failure) {
      scripts = try ScriptSelection.scripts(in: paths)
    } catch {
      Terminal.error("sockscript: error: \(error.message)")
      throw ExitCode(error.status.rawValue)
    }
    var passed = 0
    var failed = 0
    for script in scripts {
      if verify(script) { passed += 1 } else { failed += 1 }
    }
    Terminal.out("\(passed) passed, \(failed) failed")
    Terminal.flush()
    if failed > 0 { throw ExitCode(ExitStatus.expectationFailed.rawValue) }
  }

  /// Runs one script on both sides; prints its verdict; true when they agree.
  private func verify(_ path: String) -> Bool {
    guard let bytes = Terminal.read(path) else {
      Terminal.out("FAIL \(path): cannot read: \(Terminal.lastError())")
      return false
    }
    let color = Terminal.wantsColor
    let file: SourceFile
    do throws(Diagnostic) {
      file = try SourceFile.decode(bytes, name: path)
    } catch {
      Terminal.out("FAIL \(path): not UTF-8")
      Terminal.error(error.rendered(in: .lossy(bytes, name: path), color: color), newline: false)
      return false
    }
    let linux: LinuxBackend
    do {
      linux = try LinuxBackend(options: kernel.backendOptions)
    } catch {
      Terminal.out("FAIL \(path): cannot run on the kernel: \(error)")
      return false
    }
    var kernelTrace: [String] = []
    var kernelErrors: [Diagnostic] = []
    let kernelRun = ScriptRunner.run(
      file, on: linux, limits: limitOptions.limits, recordCalls: true, checksTimes: false,
      output: { kernelTrace.append($0) },
      report: { kernelErrors.append($0) })
    var modelTrace: [String] = []
    var modelErrors: [Diagnostic] = []
    let modelRun = ScriptRunner.run(
      file, on: ModelBackend(config: KernelConfig(hz: linux.hz)), limits: limitOptions.limits, recordCalls: true,
      output: { modelTrace.append($0) }, report: { modelErrors.append($0) })
    guard modelRun.status != .scriptError, let modelLog = modelRun.callLog, let kernelLog = kernelRun.callLog,
      let script = modelRun.script
    else {
      Terminal.out("FAIL \(path): the script does not run")
      for error in modelErrors { Terminal.error(error.rendered(in: file, color: color), newline: false) }
      return false
    }
    let comparison = Comparison(tolerance: linux.tolerance, sideOnlyLines: script.sideOnlyLines)
    let divergences = comparison.divergences(
      model: modelLog, modelStatus: modelRun.status, kernel: kernelLog, kernelStatus: kernelRun.status)
    if linux.exceededTimeLimit {
      Terminal.out("FAIL \(path): the kernel run was stopped after --time-limit \(kernel.timeLimit)s")
      return false
    }
    guard !divergences.isEmpty else {
      let compared = modelLog.calls.filter { !script.sideOnlyLines.contains($0.location.line) }.count
      Terminal.out("ok   \(path) (\(compared) calls agree)")
      return true
    }
    Terminal.out("FAIL \(path): \(divergences.count) divergence\(divergences.count == 1 ? "" : "s")")
    for divergence in divergences { Terminal.out(Self.render(divergence, in: file)) }
    if traces {
      Terminal.out("  --- model (HZ \(linux.hz))")
      for line in modelTrace { Terminal.out("  " + line) }
      Terminal.out("  --- kernel")
      for line in kernelTrace { Terminal.out("  " + line) }
    }
    return false
  }

  /// `path:line:col: c1 connect: result differs` with the two sides under it.
  static func render(_ divergence: Divergence, in file: SourceFile) -> String {
    let place = divergence.location.map { "\(file.name):\($0.line):\($0.column)" } ?? file.name
    var text = "  \(place): \(divergence.call): \(divergence.aspect) differs\n"
    text += "      model:  \(divergence.model)\n"
    text += "      kernel: \(divergence.kernel)"
    return text
  }
}
