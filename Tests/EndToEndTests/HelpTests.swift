import Foundation
import Testing

/// Every `--help` reads well in an 80-column terminal: the argument parser wraps each
/// paragraph (so the text must not be wrapped by hand as well, which leaves orphan words),
/// and examples, table rows and USAGE lines are short enough never to be wrapped.
@Suite("--help")
struct HelpTests {
  static let commands: [[String]] = [[], ["run"], ["test"], ["verify"], ["repl"], ["bench"]]

  func help(_ command: [String], columns: Int) throws -> String {
    let r = try Sockscript.run(command + ["--help"], environment: ["COLUMNS": "\(columns)"])
    #expect(r.status == 0)
    return r.stdout
  }

  @Test("no line over 80 columns, USAGE included", arguments: commands)
  func width(_ command: [String]) throws {
    let text = try help(command, columns: 80)
    for line in text.split(separator: "\n") {
      #expect(line.count <= 80, "\(line.count) columns: \(line)")
    }
    let usage = try #require(text.split(separator: "\n").first { $0.hasPrefix("USAGE: ") })
    #expect(usage.count <= 80)
  }

  @Test("examples and commands in quotes are never split across lines", arguments: commands)
  func examplesWhole(_ command: [String]) throws {
    let wide = try help(command, columns: 1000)
    let narrow = try help(command, columns: 80).split(separator: "\n").map(String.init)
    let examples = wide.split(separator: "\n").filter {
      let text = $0.drop { $0 == " " }
      return $0.hasPrefix("  ") && (text.hasPrefix("sockscript ") || text.hasPrefix("make ") || text.hasPrefix("echo "))
    }
    for example in examples { #expect(narrow.contains(String(example)), "split: \(example)") }
    let joined = narrow.joined(separator: "\n")
    for quoted in try Regex(#"'sockscript [^']*'"#).matchesOf(wide) {
      #expect(joined.contains(quoted), "split: \(quoted)")
    }
  }

  @Test("each paragraph is one line of the source, wrapped by the parser alone", arguments: commands)
  func paragraphsNotWrappedByHand(_ command: [String]) throws {
    // At 1000 columns nothing is wrapped: two flush-left lines in a row are one paragraph
    // broken by hand, which the parser then wraps again into orphan words.
    let lines = try help(command, columns: 1000).split(separator: "\n", omittingEmptySubsequences: false)
    let discussion = lines.prefix { !$0.hasPrefix("USAGE: ") }
    let handWrapped = zip(discussion, discussion.dropFirst()).filter { first, second in
      !first.isEmpty && !second.isEmpty && first.first != " " && second.first != " "
    }
    for (first, second) in handWrapped { Issue.record("wrapped by hand: '\(first)' / '\(second)'") }
  }

  @Test("no internal references in user text", arguments: commands)
  func noInternalReferences(_ command: [String]) throws {
    let text = try help(command, columns: 80)
    #expect(!text.lowercased().contains("issue"))
  }

  @Test("one style for defaults: '(default: X)' after the sentence", arguments: commands)
  func defaultStyle(_ command: [String]) throws {
    let text = try help(command, columns: 1000)
    #expect(!text.contains("(default "), "a default without the colon")
    #expect(!text.contains(").)"), "a default inside the sentence")
  }
}

extension Regex {
  /// The text of every match in `text`.
  fileprivate func matchesOf(_ text: String) -> [String] { text.matches(of: self).map { String(text[$0.range]) } }
}
