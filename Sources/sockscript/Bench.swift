import ArgumentParser
import ScenarioTesting
import SockBench

/// `sockscript bench`: the model against the real kernel, scenario by scenario, then whole
/// processes and how the model's cost grows with N (docs/performance.md).
struct Bench: ParsableCommand {
  static let configuration = CommandConfiguration(
    // Named here rather than derived, as Run's is.
    commandName: "bench",
    abstract: "Time the model against this machine's kernel, scenario by scenario.",
    usage: """
      sockscript bench [--quick] [--only <NAME> ...]
      sockscript bench --script <NAME> [--size <N>]
      """,
    discussion: """
      Examples:
        make bench                                  release build, full run
        .build/release/sockscript bench             the full run (2 minutes)
        .build/release/sockscript bench --quick     small sizes, a few seconds
        .build/release/sockscript bench --only cycle --only growth
        sockscript bench --script cycle --size 1000 > cycle.sock
        sockscript run -q -e "$(sockscript bench --script pingpong --size 50)"

      Every scenario runs on the model (its script, in this process, with no trace) and on the real kernel (the same system calls made natively, not through --backend linux); the table shows both and their ratio. Then whole sockscript processes (run, test), and the model's time per op for N from 1k to 1M. MISSED marks a figure that does not meet its target (docs/performance.md lists the targets). Run it from the package root, from a release build: a debug build's figures say little.

      --script NAME prints the model script of scenario NAME at size N (--size, default: the full run's) on standard output and the operations it counts as 'ops: K' on standard error, and measures nothing: to run or profile a scenario alone (tools/callgrind/ops.py). 'traced' is the cycle's script, run with its trace on; 'seed' has no size.

      EXIT STATUS
        0   every scenario ran as it should (whatever the targets)
        1   one did not (the reason is under its table)
        64  bad command-line usage
      """
  )

  /// What --only takes: the scenarios of the first table, and the other two tables.
  static let names = Benchmark.names

  @Flag(help: "Small sizes, for a smoke test: a few seconds.")
  var quick = false

  @Option(
    help: ArgumentHelp(
      "Run only this scenario or table (repeatable): \(Bench.names.joined(separator: ", ")).", valueName: "NAME"),
    completion: .list(Bench.names))
  var only: [String] = []

  /// What --script takes: the scenarios that have a model script.
  static let scriptNames = BenchScripts.names

  @Option(
    help: ArgumentHelp(
      "Print the model script of this scenario and exit: \(Bench.scriptNames.joined(separator: ", ")).",
      valueName: "NAME"),
    completion: .list(Bench.scriptNames))
  var script: String?

  @Option(help: ArgumentHelp("The N of --script's scenario. (default: the full run's N)", valueName: "N"))
  var size: Int?

  func validate() throws {
    for name in only where !Self.names.contains(name) {
      throw ValidationError("unknown name '\(name)' for --only; one of: \(Self.names.joined(separator: ", "))")
    }
    if let script, !Self.scriptNames.contains(script) {
      throw ValidationError(
        "unknown name '\(script)' for --script; one of: \(Self.scriptNames.joined(separator: ", "))")
    }
    if size != nil && script == nil {
      throw ValidationError("--size is the size of --script's scenario: give --script")
    }
    if let size, size < 1 { throw ValidationError("--size must be at least 1") }
    if script != nil && (quick || !only.isEmpty) {
      throw ValidationError("--script prints a script and runs nothing: it takes neither --quick nor --only")
    }
  }

  func run() throws {
    if let script {
      printScript(script)
      return
    }
    let output = BenchOutput(
      out: Terminal.out, put: Terminal.put, error: { Terminal.error($0, newline: false) },
      warning: Terminal.commandWarning, flush: Terminal.flush)
    let ran = Benchmark(quick: quick, only: only, executable: ChildProcess.selfPath, output: output).run()
    if !ran { throw ExitCode(1) }
  }

  /// `--script NAME`: the script on standard output, exactly, and its operations on standard error.
  private func printScript(_ name: String) {
    // Both are known: validate() checked the name.
    let n = size ?? BenchScripts.fullSize(of: name) ?? 1
    guard let (text, operations) = BenchScripts.modelScript(named: name, size: n) else { return }
    Terminal.out(text)
    Terminal.flush()
    Terminal.error("ops: \(operations)")
  }
}
