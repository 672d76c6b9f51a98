import ArgumentParser
import ScenarioLang
import SockKernel

/// `sockscript verify`: runs scripts on the model and on the kernel and compares them.
struct Verify: ParsableCommand {
  static let configuration = CommandConfiguration(
    abstract: "Run scripts on the model and on this machine's kernel, and compare them call by call.",
    discussion: """
      Examples:
        sockscript verify samples/
        sockscript verify --traces samples/seed/seed-line.sock

      For every call: the return value or errno, whether it slept, and when it returned.
      A kernel time may be up to one jiffy earlier than the model's, and later by the
      timer wheel's rounding of each timeout that fired before it, plus --slack
      (docs/verify.md explains the window). The model runs at the kernel's HZ,
      measured at start. Lines marked '# model-only: WHY' or '# kernel-only: WHY'
      run on their side only and are not compared.

      Exit status: 0 when every script agrees, 1 when one diverges or fails to run,
      64 usage, 74 a path cannot be read.
      """
  )

  @Flag(help: "Print both traces of every script that diverges.")
  var traces = false

  @OptionGroup(title: "Kernel runs")
  var kernel: KernelOptions

  @Argument(help: ArgumentHelp("Script files, or directories searched for *.sock.", valueName: "PATH"))
  var paths: [String] = ["samples"]

  func run() throws {
    let scripts: [String]
    do throws(TestDiscovery.Missing) {
      scripts = try TestDiscovery.scripts(in: paths)
    } catch {
      Terminal.error("sockscript: error: cannot read '\(error.path)': \(error.reason)")
      throw ExitCode(ExitStatus.ioError.rawValue)
    }
    var passed = 0
    var failed = 0
    var skipped = 0
    for script in scripts {
      switch verify(script) {
      case .passed, .expectedFailure: passed += 1
      case .failed, .unexpectedPass: failed += 1
      case .skipped: skipped += 1
      }
    }
    Terminal.out("\(passed) passed, \(failed) failed" + (skipped > 0 ? ", \(skipped) skipped" : ""))
    Terminal.flush()
    if failed > 0 { throw ExitCode(ExitStatus.expectationFailed.rawValue) }
  }

  /// `path:line:col: c1 connect: result differs` with the two sides under it; for a group
  /// of them (a loop's), the count and the first one's two sides.
  static func render(_ group: DivergenceGroup, in file: SourceFile) -> String {
    let divergence = group.first
    let place = divergence.location.map { "\(file.name):\($0.line):\($0.column)" } ?? file.name
    let times = group.count == 1 ? "" : ", \(group.count) times here (the first shown)"
    var text = "  \(place): \(divergence.call): \(divergence.aspect) differs\(times)\n"
    text += "      model:  \(divergence.model)\n"
    text += "      kernel: \(divergence.kernel)"
    return text
  }
}
