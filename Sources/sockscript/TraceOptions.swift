import ArgumentParser
import ScenarioLang

/// The trace's format.
enum TraceFormat: String, ExpressibleByArgument, CaseIterable {
  /// strace's lines.
  case text
  /// One JSON object per event (docs/trace.md).
  case jsonl
}

/// strace's controls of the trace, shared by `run` and `verify --traces`: which calls and
/// sockets it shows, the time each call took, a summary, where it goes and in what format.
struct TraceOptions: ParsableArguments {
  @Option(
    help: ArgumentHelp(
      "Trace only these calls, by the names the trace prints (strace -e trace=).", valueName: "CALL,..."))
  var calls: String?

  @Option(help: ArgumentHelp("Trace only the calls on these sockets, by their script names.", valueName: "NAME,..."))
  var sockets: String?

  @Flag(help: "End each returned call's line with the time it took, <0.001000> (strace -T).")
  var durations = false

  @Flag(help: "End with a table of the calls: how many, how many failed, the time they took (strace -c).")
  var summary = false

  @Option(help: ArgumentHelp("Write the trace to FILE instead of standard output (strace -o).", valueName: "FILE"))
  var output: String?

  @Option(
    help: ArgumentHelp(
      "Also draw the run as a picture in FILE: .json (Perfetto, chrome://tracing), .svg or .mmd (Mermaid); may be repeated.",
      valueName: "FILE"))
  var timeline: [String] = []

  @Option(
    help: ArgumentHelp(
      "The trace's format: text (strace's lines) or jsonl (one JSON object per event).", valueName: "FORMAT"))
  var format: TraceFormat = .text

  func validate() throws {
    for name in Self.list(calls) ?? [] {
      if let problem = TraceControls.unknownCall(name) { throw ValidationError(problem) }
    }
    if let calls, Self.list(calls)?.isEmpty ?? true {
      throw ValidationError("--calls needs at least one call: --calls \(calls.isEmpty ? "connect" : "connect,accept")")
    }
    if let sockets, Self.list(sockets)?.isEmpty ?? true {
      throw ValidationError("--sockets needs at least one socket name")
    }
    if let output, output.isEmpty { throw ValidationError("--output needs a file name") }
    for path in timeline where TimelineFormat(path: path) == nil {
      throw ValidationError("--timeline '\(path)': the extension picks the format: .json, .svg or .mmd")
    }
    if Set(timeline).count != timeline.count { throw ValidationError("--timeline names the same file twice") }
  }

  /// A comma-separated list, without empty entries.
  static func list(_ text: String?) -> [String]? {
    text.map { $0.split(separator: ",").map { String($0.trimmingPrefixAndSuffixSpaces) }.filter { !$0.isEmpty } }
  }

  var controls: TraceControls {
    TraceControls(
      calls: Self.list(calls).map(Set.init), sockets: Self.list(sockets).map(Set.init), durations: durations)
  }
}

extension Substring {
  var trimmingPrefixAndSuffixSpaces: Substring {
    var text = self
    while text.first == " " { text = text.dropFirst() }
    while text.last == " " { text = text.dropLast() }
    return text
  }
}
