import Foundation

/// The examples of one Markdown page: every fenced code block with a `$ ` command line that
/// runs `sockscript`, split into commands, each with the output the page shows for it.
///
/// The conventions (docs/testing.md §9): a `$ ` line is a command, continued on the next lines
/// while a quote is open; the lines after it, up to the next command or the end of the block,
/// are its output (standard output and standard error, as a terminal shows them); a line `...`
/// stands for any number of lines. HTML comments right before the block's fence mark it:
/// `<!-- example: not-compared (REASON) -->` leaves it out, `<!-- example: exit N -->` is the
/// exit status of its sockscript commands (default 0).
struct DocExample {
  /// One `$ ` command of a block.
  struct Command {
    /// The 1-based line of the page where the command starts.
    let line: Int
    /// The shell command, without the `$ ` prompt; several lines when a quote spans them.
    let text: String
    /// The lines the page shows after the command.
    let expectedOutput: [String]
    /// The line of the page holding `expectedOutput[0]`.
    var outputLine: Int { line + text.split(separator: "\n", omittingEmptySubsequences: false).count }
    /// Whether the command runs sockscript itself (and so has the block's exit status).
    var runsSockscript: Bool { text.contains("sockscript") }
  }

  /// The line of the block's opening fence.
  let line: Int
  let commands: [Command]
  /// The exit status of the block's sockscript commands.
  let expectedStatus: Int32
  /// Why the block is not run, when a marker says so.
  let notComparedReason: String?

  static let markerPrefix = "<!-- example:"

  /// A marker that is not understood or marks no example, at its 1-based line.
  struct MarkerProblem: Equatable {
    let line: Int
    let message: String
  }

  /// The examples of `markdown`, in page order, and the markers that mark none of them.
  static func examples(inMarkdown markdown: String) -> (examples: [DocExample], problems: [MarkerProblem]) {
    let lines = markdown.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
    var examples: [DocExample] = []
    var problems: [MarkerProblem] = []
    var usedMarkers = Set<Int>()
    var index = 0
    while index < lines.count {
      guard lines[index].hasPrefix("```") else {
        index += 1
        continue
      }
      let fence = index
      var end = fence + 1
      while end < lines.count && !lines[end].hasPrefix("```") { end += 1 }
      let commands = Self.commands(Array(lines[(fence + 1)..<min(end, lines.count)]), firstLine: fence + 2)
      if commands.contains(where: \.runsSockscript) {
        let markers = Self.markers(before: fence, in: lines)
        usedMarkers.formUnion(markers.lines)
        problems += markers.problems
        examples.append(
          DocExample(
            line: fence + 1, commands: commands, expectedStatus: markers.status ?? 0,
            notComparedReason: markers.notCompared))
      }
      index = end + 1
    }
    // A marker anywhere else (a blank line before the fence, a block without a sockscript
    // command) would be ignored without a word: say so instead.
    for (index, line) in lines.enumerated() where line.hasPrefix(markerPrefix) && !usedMarkers.contains(index) {
      problems.append(MarkerProblem(line: index + 1, message: "marker not right before an example's code block"))
    }
    return (examples, problems)
  }

  /// The commands of a block whose first line is line `firstLine` of the page.
  static func commands(_ body: [String], firstLine: Int) -> [Command] {
    var commands: [Command] = []
    var index = 0
    while index < body.count {
      guard body[index].hasPrefix("$ ") else {
        index += 1
        continue
      }
      let start = index
      var text = String(body[index].dropFirst(2))
      while ShellQuoting.leavesQuoteOpen(text) && index + 1 < body.count {
        index += 1
        text += "\n" + body[index]
      }
      index += 1
      let outputStart = index
      while index < body.count && !body[index].hasPrefix("$ ") { index += 1 }
      commands.append(
        Command(line: firstLine + start, text: text, expectedOutput: Array(body[outputStart..<index])))
    }
    return commands
  }

  /// The `<!-- example: … -->` comments on the lines right before the fence at `fence`.
  static func markers(
    before fence: Int, in lines: [String]
  ) -> (status: Int32?, notCompared: String?, lines: [Int], problems: [MarkerProblem]) {
    var status: Int32?
    var notCompared: String?
    var used: [Int] = []
    var problems: [MarkerProblem] = []
    var index = fence - 1
    while index >= 0, lines[index].hasPrefix(markerPrefix) {
      used.append(index)
      let line = lines[index]
      let body = line.dropFirst(markerPrefix.count).replacingOccurrences(of: "-->", with: "")
        .trimmingCharacters(in: .whitespaces)
      if !line.hasSuffix("-->") {
        problems.append(MarkerProblem(line: index + 1, message: "marker must be one line ending in -->"))
      } else if body.hasPrefix("not-compared (") && body.hasSuffix(")") {
        notCompared = String(body.dropFirst("not-compared (".count).dropLast())
      } else if body.hasPrefix("exit "), let value = Int32(body.dropFirst("exit ".count)) {
        status = value
      } else {
        problems.append(
          MarkerProblem(
            line: index + 1, message: "unknown marker '\(body)': use 'exit N' or 'not-compared (REASON)'"))
      }
      index -= 1
    }
    return (status, notCompared, used, problems)
  }
}
