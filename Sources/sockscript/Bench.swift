import ArgumentParser
import ScenarioTesting
import SockBench

/// `sockscript bench`: the model against the real kernel, scenario by scenario, then whole
/// processes and how the model's cost grows with N (docs/performance.md).
struct Bench: ParsableCommand {
  static let configuration = CommandConfiguration(
    abstract: "Time the model against this machine's kernel, scenario by scenario.",
    discussion: """
      Examples:
        make bench                                  release build, full run
        .build/release/sockscript bench             the full run (2 minutes)
        .build/release/sockscript bench --quick     small sizes, a few seconds
        .build/release/sockscript bench --only cycle --only growth

      Every scenario runs on the model (its script, in this process, with no trace) and on the real kernel (the same system calls made natively, not through --backend linux); the table shows both and their ratio. Then whole sockscript processes (run, test), and the model's time per op for N from 1k to 1M. MISSED marks a figure that does not meet its target (docs/performance.md lists the targets). Run it from the package root, from a release build: a debug build's figures say little.

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

  func validate() throws {
    for name in only where !Self.names.contains(name) {
      throw ValidationError("unknown name '\(name)' for --only; one of: \(Self.names.joined(separator: ", "))")
    }
  }

  func run() throws {
    let output = BenchOutput(
      out: Terminal.out, put: Terminal.put, error: { Terminal.error($0, newline: false) },
      warning: Terminal.commandWarning, flush: Terminal.flush)
    let ran = Benchmark(quick: quick, only: only, executable: ChildProcess.selfPath, output: output).run()
    if !ran { throw ExitCode(1) }
  }
}
