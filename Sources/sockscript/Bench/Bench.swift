import ArgumentParser
import ScenarioTesting

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
  static let names = ["seed", "cycle", "pingpong", "bulk", "wakeup", "backlog", "sockets", "process", "growth"]

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
    let sizes = quick ? BenchSizes.quick : BenchSizes.full
    let chosen = only.isEmpty ? Self.names : only
    let fileLimit = FileLimit.raiseToHard()
    let timer = ModelTimer(minimumTotal: sizes.minimumModelTime)
    let progress = BenchProgress()
    if Machine.isDebugBuild {
      Terminal.error(
        "sockscript: warning: a debug build; its figures say little about the model: "
          + "make bench (a release build with the Makefile's speed flags)")
    }
    Terminal.out(
      "sockscript bench: \(Machine.isDebugBuild ? "DEBUG" : "release") build, \(quick ? "quick" : "full") sizes")
    Terminal.out("machine: \(Machine.summary), descriptor limit \(fileLimit)")
    if quick { Terminal.out("--quick: small N; the targets are for the full sizes, so verdicts here mean little") }

    var failed = false
    // First of all, while this process is small: a child's peak RSS includes it (SocketMemory).
    var memory: Result<SocketMemory, Unmeasured>?
    if chosen.contains("sockets") {
      progress.say("sockets (the model's memory, in a child process)")
      memory = SocketMemory.measure(sizes.memorySockets, executable: ChildProcess.selfPath)
    }
    let scenarios = ComparisonScenario.all(sizes, fileLimit: fileLimit).filter { chosen.contains($0.name) }
    if !scenarios.isEmpty {
      let section = ComparisonSection(scenarios: scenarios, timer: timer, memory: memory, progress: progress)
      failed = show("Model vs kernel", section.run(), progress) || failed
    }
    if chosen.contains("process") {
      let section = ProcessSection(
        runs: sizes.processRuns, corpus: sizes.corpus, executable: ChildProcess.selfPath, progress: progress)
      failed = show("Whole process", section.run(), progress) || failed
    }
    if chosen.contains("growth") {
      let section = GrowthSection(sizes: sizes.growth, timer: timer, progress: progress)
      failed = show("Growth (model)", section.run(), progress) || failed
    }
    Terminal.flush()
    if failed { throw ExitCode(1) }
  }

  /// Prints a section under its title; returns whether it had a failure.
  private func show(_ title: String, _ section: (text: String, failed: Bool), _ progress: BenchProgress) -> Bool {
    progress.clear()
    Terminal.out("\n## \(title)\n")
    Terminal.put(section.text)
    return section.failed
  }
}
