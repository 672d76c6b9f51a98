import SyscallVocabulary

/// The `.mmd` timeline: a Mermaid `sequenceDiagram`, for short scenarios in Markdown. A
/// participant per thread in the order they first appear; each call a message to itself
/// with its trace line, a sleep an activation from its `blocked` line to what ended it, a
/// wake-up a dashed message from the waker, timeouts, signals and process ends notes. Every
/// line begins with the trace's time.
///
/// Streamed line by line as the run goes; it holds only the participants' ids.
final class MermaidWriter: TimelineWriter {
  private let output: TimelineOutput
  /// Each lane's participant id, by lane.
  private var ids: [String] = []
  private var usedIDs: Set<String> = []
  /// The lanes with an activation open.
  private var active: Set<Int> = []

  var path: String { output.path }

  init(path: String) throws(TimelineError) {
    output = try TimelineOutput(path: path)
    output.write("sequenceDiagram\n")
  }

  func write(_ item: TimelineItem) {
    switch item {
    case .lane(let lane):
      declare(lane)
    case .sleepStart(let start):
      message(from: start.lane, to: start.lane, arrow: "->>", at: start.line.time, start.line.text)
      if active.insert(start.lane).inserted { line("activate \(ids[start.lane])") }
    case .sleep(let sleep):
      if active.remove(sleep.lane) != nil { line("deactivate \(ids[sleep.lane])") }
    case .call(let call):
      if call.ending == .returned {
        message(from: call.lane, to: call.lane, arrow: "->>", at: call.end, call.lastLine.text)
      } else {
        note(over: call.lane, at: call.end, "\(call.name) never returned: \(call.lastLine.text)")
      }
    case .wake(let wake):
      let queue = wake.queue.map { " (\($0))" } ?? ""
      message(from: wake.from, to: wake.to, arrow: "-->>", at: wake.time, "wakes\(queue)")
    case .instant(let instant):
      note(over: instant.lane, at: instant.time, instant.text)
    }
  }

  func finish(lanes: [TimelineLane], end: Nanoseconds) throws(TimelineError) {
    for lane in active.sorted() { line("deactivate \(ids[lane])") }
    active = []
    try output.close()
  }

  /// `participant c1`, or `participant t3 as worker [pid 2]` for a name that is not a plain
  /// identifier (or is one of Mermaid's words).
  private func declare(_ lane: TimelineLane) {
    let label = lane.label
    if Self.isPlain(label), !usedIDs.contains(label) {
      ids.append(label)
      usedIDs.insert(label)
      return line("participant \(label)")
    }
    var number = lane.index + 1
    while usedIDs.contains("t\(number)") { number += 1 }
    let id = "t\(number)"
    ids.append(id)
    usedIDs.insert(id)
    line("participant \(id) as \(Self.escaped(label))")
  }

  private func message(from: Int, to: Int, arrow: String, at time: Nanoseconds, _ text: String) {
    line("\(ids[from])\(arrow)\(ids[to]): \(TraceFormatter.time(time)) \(Self.escaped(text))")
  }

  private func note(over lane: Int, at time: Nanoseconds, _ text: String) {
    line("Note over \(ids[lane]): \(TraceFormatter.time(time)) \(Self.escaped(text))")
  }

  private func line(_ text: String) {
    output.write(text)
    output.write("\n")
  }

  /// Mermaid's words, which cannot name a participant.
  static let keywords: Set<String> = [
    "participant", "actor", "as", "loop", "alt", "else", "opt", "par", "and", "rect", "end", "note", "over", "left",
    "right", "of", "activate", "deactivate", "autonumber", "critical", "break", "box", "create", "destroy", "title",
    "link", "links", "properties", "details", "sequencediagram", "acctitle", "accdescr", "option",
  ]

  /// A letter or `_`, then letters, digits and `_`, and not a word of Mermaid's.
  static func isPlain(_ name: String) -> Bool {
    guard let first = name.unicodeScalars.first, first == "_" || first.properties.isAlphabetic, first.isASCII
    else { return false }
    let plain = name.unicodeScalars.allSatisfy {
      $0.isASCII && ($0 == "_" || $0.properties.isAlphabetic || ("0"..."9").contains($0))
    }
    return plain && !keywords.contains(name.lowercased())
  }

  /// `text` on one line of a message or note: Mermaid ends a statement at `;`, starts an
  /// entity at `#` and would read `<…>` as markup, so those are its entity codes; a line
  /// break is `<br/>`, other control characters a space.
  static func escaped(_ text: String) -> String {
    var out = ""
    for scalar in text.unicodeScalars {
      switch scalar {
      case ";": out += "#59;"
      case "#": out += "#35;"
      case "<": out += "#60;"
      case ">": out += "#62;"
      case "\n": out += "<br/>"
      case _ where scalar.value < 0x20 || scalar.value == 0x7F: out += " "
      default: out.unicodeScalars.append(scalar)
      }
    }
    return out
  }
}
