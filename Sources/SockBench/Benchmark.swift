/// Where the benchmark prints: its tables on standard output, its progress and warnings on
/// standard error (the command line supplies both).
public struct BenchOutput {
  /// A line (its newline added).
  public var out: (String) -> Void
  /// Text as it is.
  public var put: (String) -> Void
  /// Text for standard error, as it is.
  public var error: (String) -> Void
  /// A warning, in the command line's format for it.
  public var warning: (String) -> Void
  public var flush: () -> Void

  public init(
    out: @escaping (String) -> Void, put: @escaping (String) -> Void, error: @escaping (String) -> Void,
    warning: @escaping (String) -> Void, flush: @escaping () -> Void
  ) {
    self.out = out
    self.put = put
    self.error = error
    self.warning = warning
    self.flush = flush
  }
}

/// `sockscript bench`: the model against the real kernel, scenario by scenario, then whole
/// processes and how the model's cost grows with N (docs/performance.md).
public struct Benchmark {
  /// What --only takes: the scenarios of the first table, and the other two tables.
  public static let names = [
    "seed", "cycle", "traced", "pingpong", "bulk", "wakeup", "eventloop", "backlog", "prefork", "sockets", "process",
    "growth",
  ]

  /// Small sizes, for a smoke test.
  let quick: Bool
  /// The scenarios and tables to run; all when empty.
  let only: [String]
  /// The `sockscript` binary whose whole runs are timed.
  let executable: String
  let output: BenchOutput

  public init(quick: Bool, only: [String], executable: String, output: BenchOutput) {
    self.quick = quick
    self.only = only
    self.executable = executable
    self.output = output
  }

  /// Runs what was chosen and prints the tables; false when a scenario did not run as it should.
  public func run() -> Bool {
    let sizes = quick ? BenchSizes.quick : BenchSizes.full
    let chosen = only.isEmpty ? Self.names : only
    let fileLimit = FileLimit.raiseToHard()
    let timer = ModelTimer(minimumTotal: sizes.minimumModelTime)
    let progress = BenchProgress(output: output)
    if Machine.isDebugBuild {
      output.warning(
        "a debug build; its figures say little about the model: "
          + "make bench (a release build with the Makefile's speed flags)")
    }
    output.out(
      "sockscript bench: \(Machine.isDebugBuild ? "DEBUG" : "release") build, \(quick ? "quick" : "full") sizes")
    output.out("machine: \(Machine.summary), descriptor limit \(fileLimit)")
    if quick { output.out("--quick: small N; the targets are for the full sizes, so verdicts here mean little") }

    var failed = false
    // First of all, while this process is small: a child's peak RSS includes it (SocketMemory).
    var memory: Result<SocketMemory, Unmeasured>?
    if chosen.contains("sockets") {
      progress.say("sockets (the model's memory, in a child process)")
      memory = SocketMemory.measure(sizes.memorySockets, executable: executable)
    }
    let scenarios = ComparisonScenario.all(sizes, fileLimit: fileLimit).filter { chosen.contains($0.name) }
    if !scenarios.isEmpty {
      let section = ComparisonSection(scenarios: scenarios, timer: timer, memory: memory, progress: progress)
      failed = show("Model vs kernel", section.run(), progress) || failed
    }
    if chosen.contains("process") {
      let section = ProcessSection(
        runs: sizes.processRuns, corpus: sizes.corpus, executable: executable, progress: progress)
      failed = show("Whole process", section.run(), progress) || failed
    }
    if chosen.contains("growth") {
      let section = GrowthSection(sizes: sizes.growth, timer: timer, progress: progress)
      failed = show("Growth (model)", section.run(), progress) || failed
    }
    output.flush()
    return !failed
  }

  /// Prints a section under its title; returns whether it had a failure.
  private func show(_ title: String, _ section: (text: String, failed: Bool), _ progress: BenchProgress) -> Bool {
    progress.clear()
    output.out("\n## \(title)\n")
    output.put(section.text)
    return section.failed
  }
}
