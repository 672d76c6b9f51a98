import ArgumentParser
import Foundation
import ScenarioLang
import ScenarioTesting

/// `sockscript test`: runs scenario scripts as tests, in parallel, against their headers
/// and golden files.
struct Test: ParsableCommand {
  static let configuration = CommandConfiguration(
    // Named here rather than derived, as Run's is.
    commandName: "test",
    abstract: "Run scenario scripts as tests: check each exit status and golden output.",
    usage: "sockscript test [<options>] [<PATH> ...]",
    discussion: """
      Examples:
        sockscript test                    every .sock under the current directory
        sockscript test samples/           every .sock under samples/
        sockscript test --filter backlog   only paths matching a regex
        sockscript test --update samples/  rewrite or create .out files
        sockscript test --junit report.xml --jobs 2 samples/
        sockscript test --tap samples/

      NAME.sock passes when 'sockscript run NAME.sock' exits with the expected status (0 unless its header says '# exit: N') and, when NAME.out exists, prints exactly NAME.out; when NAME.err exists, its standard error must be exactly NAME.err (the script named by its file name). --update creates missing .out files but only rewrites existing .err files. Each test runs in its own process.

      Header directives, comment lines at the top of a script:
        # exit: 2         the exit status the run must end with
        # skip: REASON    do not run it; counted as skipped
        # xfail: REASON   expected to fail: passes if it fails, fails (XPASS) if not
        # timeout: 10s    real-time limit (ms, s or m); default: --timeout
        # hz: 100         run with --hz 100
        # explain: on     run with --explain

      The last line is 'N passed, N failed' (', N skipped' when any). No script found, or a --filter that matches none, is an error: a mistyped PATH cannot pass. See docs/testing.md.

      EXIT STATUS
        0   no test failed
        1   a test failed or passed while marked xfail, or there was no test to run
        64  bad command-line usage
        74  a PATH does not exist, or the --junit FILE cannot be written
      """
  )

  @Argument(
    help: ArgumentHelp("Scripts, or directories to search for .sock files. (default: .)", valueName: "PATH"),
    completion: .file(extensions: ["sock"]))
  var paths: [String] = []

  @Flag(help: "Rewrite the golden files that differ and create the missing ones, for tests with the expected status.")
  var update = false

  @Option(
    name: .shortAndLong, help: ArgumentHelp("Run N tests at once. (default: the number of cores)", valueName: "N"))
  var jobs: Int?

  @Option(help: ArgumentHelp("Run only tests whose path matches (a regex, else a substring).", valueName: "PATTERN"))
  var filter: String?

  @Option(help: ArgumentHelp("Time limit of a test without '# timeout:'.", valueName: "DURATION"))
  var timeout = "60s"

  @Option(help: ArgumentHelp("Also write the results as JUnit XML to FILE.", valueName: "FILE"), completion: .file())
  var junit: String?

  @Flag(help: "Print TAP version 13 instead of the normal report.")
  var tap = false

  @OptionGroup(title: "Limits of every run")
  var limitOptions: LimitOptions

  func validate() throws {
    if let jobs, jobs < 1 { throw ValidationError("--jobs must be at least 1") }
    if RealDuration.parse(timeout) == nil {
      throw ValidationError("--timeout takes a duration such as 500ms, 10s or 2m, found '\(timeout)'")
    }
  }

  func run() throws {
    // Before any test runs: a report that cannot be written would be lost after the whole run.
    if let junit, let reason = Terminal.cannotWrite(junit) {
      Terminal.commandError("cannot write the --junit report '\(junit)': \(reason)")
      throw ExitCode(ExitStatus.ioError.rawValue)
    }
    let scripts: [String]
    do throws(ScriptSelection.Failure) {
      scripts = try ScriptSelection.scripts(in: paths, filter: filter)
    } catch {
      Terminal.commandError(error.message)
      throw ExitCode(error.status.rawValue)
    }

    let color = !tap && Terminal.wantsColor(on: STDOUT_FILENO)
    let settings = TestSettings(
      executable: ChildProcess.selfPath, timeout: RealDuration.parse(timeout)!, update: update, color: color,
      runArguments: limitOptions.arguments)
    let started = ContinuousClock.now
    let human = HumanReport(color: color)
    if tap { Terminal.put(TAPReport().header(count: scripts.count)) }
    var outcomes: [TestOutcome] = []
    var summary = TestSummary()
    let threads = jobs ?? ProcessInfo.processInfo.activeProcessorCount
    let chosen = scripts
    OrderedPool.run(count: chosen.count, threads: threads, work: { TestExecution.run(chosen[$0], settings) }) {
      index, outcome in
      outcomes.append(outcome)
      summary.add(outcome)
      Terminal.put(tap ? TAPReport().entry(index + 1, outcome) : human.entry(outcome))
    }
    let changes = outcomes.compactMap(\.change)
    Terminal.put(tap ? TAPReport().footer(changes, summary) : human.footer(changes, summary))
    if let junit {
      let xml = JUnitReport.xml(outcomes, summary, elapsed: started.duration(to: .now))
      guard Terminal.writeFile(xml, to: junit, atomically: true) else {
        Terminal.commandError("cannot write the --junit report '\(junit)': \(Terminal.lastError())")
        throw ExitCode(ExitStatus.ioError.rawValue)
      }
    }
    if summary.failed > 0 { throw ExitCode(1) }
  }
}
