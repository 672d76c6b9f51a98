import Foundation

/// The second table: whole `sockscript` processes, as a user or a CI job runs them, timed
/// from spawn to exit. Each command runs several times; the median is the figure.
struct ProcessSection {
  let runs: Int
  /// What `sockscript test` runs: the whole corpus, or a part of it for --quick.
  let corpus: String
  let executable: String
  let progress: BenchProgress

  private struct Command {
    let shown: String
    let arguments: [String]
    let target: Target
    /// A file or directory the command needs, relative to the package root.
    let needs: String
  }

  private var commands: [Command] {
    [
      Command(
        shown: "sockscript run samples/seed/seed-line.sock", arguments: ["run", "samples/seed/seed-line.sock"],
        target: .time(under: 10e6), needs: "samples/seed/seed-line.sock"),
      Command(
        shown: "sockscript run -e 'server listen 0'", arguments: ["run", "-e", "server listen 0"],
        target: .time(under: 15e6), needs: "."),
      Command(
        shown: "sockscript test --jobs 2 \(corpus)/", arguments: ["test", "--jobs", "2", corpus + "/"],
        target: .time(under: 5e9), needs: corpus),
    ]
  }

  func run() -> (text: String, failed: Bool) {
    var table = TextTable(["command", "runs", "median", "min", "max", "target", "result"])
    var notes = Footnotes()
    var failed = false
    for command in commands {
      progress.say(command.shown)
      switch measure(command) {
      case .success(let walls):
        table.add(
          [command.shown, String(walls.count)]
            + [walls[walls.count / 2], walls[0], walls[walls.count - 1]].map(Units.time)
            + [command.target.label, command.target.verdict(walls[walls.count / 2].nanoseconds)])
      case .failure(let why):
        failed = failed || why.isFailure
        table.add(
          [command.shown, "0", "n/a " + notes.add("\(command.shown): \(why.reason)"), "-", "-"] + [
            command.target.label, "n/a",
          ])
      }
    }
    let corpusNote =
      corpus == "samples"
      ? "the whole corpus of samples/" : "only \(corpus)/ (--quick; the target is for the whole samples/)"
    let text =
      table.render() + "\n" + notes.render()
      + Wrapping.hanging(
        "note",
        """
        wall time from posix_spawn to wait4 of this very binary, median of \(runs) runs; the test \
        command runs \(corpusNote) on 2 cores. Run from the package root (samples/ is relative).
        """, indent: 6)
    return (text, failed)
  }

  /// The sorted wall times of the runs, or why there are none.
  private func measure(_ command: Command) -> Result<[Duration], Unmeasured> {
    guard FileManager.default.fileExists(atPath: command.needs) else {
      return .failure(.unavailable("no \(command.needs) here: run the bench from the package root"))
    }
    return Result { () throws(Unmeasured) in
      var walls: [Duration] = []
      for _ in 0..<runs {
        walls.append(try SpawnedRun.run(executable, command.arguments).checked(command.shown).wall)
      }
      return walls.sorted()
    }
  }
}
