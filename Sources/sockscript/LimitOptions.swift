import ArgumentParser
import ScenarioLang

/// The flags that raise a run's limits (docs/language.md §10), shared by every command that
/// runs scripts: `run`, `test` (which passes them on to the run of every test), `repl` and
/// `verify`, so that a limit's note never names a flag the command lacks.
struct LimitOptions: ParsableArguments {
  @Option(
    help: ArgumentHelp("Refuse a script longer than this many bytes. (default: 33554432, 32 MiB)", valueName: "BYTES"))
  var maxScriptBytes: Int?

  @Option(help: ArgumentHelp("Stop a script after this many statements. (default: 10000000)", valueName: "N"))
  var maxStatements: Int?

  @Option(
    help: ArgumentHelp("Stop a script after this many wake-ups of sleeping calls. (default: 10000000)", valueName: "N"))
  var maxWakeups: Int?

  @Option(help: ArgumentHelp("Stop a script that creates more sockets. (default: 2097152)", valueName: "N"))
  var maxSockets: Int?

  @Option(
    help: ArgumentHelp(
      "Stop a model run whose virtual clock would pass this. (default: 31536000, a year)", valueName: "SECONDS"))
  var maxVirtualTime: Int64?

  @Option(help: ArgumentHelp("Refuse 'repeat's nested deeper than this. (default: 64)", valueName: "N"))
  var maxNesting: Int?

  @Option(help: ArgumentHelp("Stop a script that forks more processes. (default: 131072)", valueName: "N"))
  var maxProcesses: Int?

  @Option(
    help: ArgumentHelp("Stop a script that declares more threads ('thread NAME'). (default: 2097152)", valueName: "N"))
  var maxThreads: Int?

  func validate() throws {
    // Parsing, checking and running recurse once per level.
    if let maxNesting, !(1...256).contains(maxNesting) {
      throw ValidationError("--max-nesting must be between 1 and 256")
    }
    if let maxScriptBytes, !(1...(1 << 31)).contains(maxScriptBytes) {
      throw ValidationError("--max-script-bytes must be between 1 and 2147483648")
    }
    if let maxStatements, maxStatements < 1 { throw ValidationError("--max-statements must be at least 1") }
    if let maxWakeups, maxWakeups < 1 { throw ValidationError("--max-wakeups must be at least 1") }
    // Descriptors are C ints, and every socket costs the model memory long before that.
    if let maxSockets, !(1...(1 << 30)).contains(maxSockets) {
      throw ValidationError("--max-sockets must be between 1 and 1073741824")
    }
    if let maxProcesses, !(1...(1 << 22)).contains(maxProcesses) {
      throw ValidationError("--max-processes must be between 1 and 4194304")
    }
    if let maxThreads, !(1...(1 << 30)).contains(maxThreads) {
      throw ValidationError("--max-threads must be between 1 and 1073741824")
    }
    if let maxVirtualTime, !(1...9_223_372_036).contains(maxVirtualTime) {
      throw ValidationError("--max-virtual-time must be between 1 and 9223372036 seconds")
    }
  }

  /// The limits with the flags given applied.
  var limits: Limits {
    var limits = Limits()
    if let maxScriptBytes { limits.maxScriptBytes = maxScriptBytes }
    if let maxStatements { limits.maxStatements = maxStatements }
    if let maxWakeups { limits.maxWakeups = maxWakeups }
    if let maxSockets { limits.maxSockets = maxSockets }
    if let maxVirtualTime { limits.maxVirtualTime = maxVirtualTime * 1_000_000_000 }
    if let maxNesting { limits.maxNesting = maxNesting }
    if let maxProcesses { limits.maxProcesses = maxProcesses }
    if let maxThreads { limits.maxThreads = maxThreads }
    return limits
  }

  /// The same flags for a child `sockscript run`.
  var arguments: [String] {
    var arguments: [String] = []
    if let maxScriptBytes { arguments += ["--max-script-bytes", String(maxScriptBytes)] }
    if let maxStatements { arguments += ["--max-statements", String(maxStatements)] }
    if let maxWakeups { arguments += ["--max-wakeups", String(maxWakeups)] }
    if let maxSockets { arguments += ["--max-sockets", String(maxSockets)] }
    if let maxVirtualTime { arguments += ["--max-virtual-time", String(maxVirtualTime)] }
    if let maxNesting { arguments += ["--max-nesting", String(maxNesting)] }
    if let maxProcesses { arguments += ["--max-processes", String(maxProcesses)] }
    if let maxThreads { arguments += ["--max-threads", String(maxThreads)] }
    return arguments
  }
}
