import Foundation
import Testing

@testable import ScenarioLang

/// The table of words (Words.swift) is the one list: the grammar in docs/language.md, the
/// parser's grammar comments, the fuzzer's dictionary and Tab completion must know every
/// word of it, and name no word it lacks.
@Suite("One table of words")
struct WordTableTests {
  static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
    .deletingLastPathComponent()

  static func read(_ path: String) throws -> String {
    try String(contentsOf: root.appendingPathComponent(path), encoding: .utf8)
  }

  /// The words written in single quotes: `'bind'`, `'SIGPIPE'`.
  static func quotedWords(_ text: String) -> Set<String> {
    let pattern = try! NSRegularExpression(pattern: "'([A-Za-z_][A-Za-z0-9_]*)'")
    let range = NSRange(text.startIndex..., in: text)
    return Set(pattern.matches(in: text, range: range).map { String(text[Range($0.range(at: 1), in: text)!]) })
  }

  /// The grammar summary: the first code block after "Grammar summary".
  static func docsGrammar() throws -> String {
    let page = try read("docs/language.md")
    let after = try #require(page.range(of: "Grammar summary")).upperBound
    let open = try #require(page.range(of: "```\n", range: after..<page.endIndex)).upperBound
    let close = try #require(page.range(of: "```", range: open..<page.endIndex)).lowerBound
    return String(page[open..<close])
  }

  /// Words the grammar writes unquoted, as tokens of a class (`EVENT := … IN | OUT …`), and
  /// `main`, which is reserved but has no place in the grammar.
  static let unquotedInGrammar = Set(ReventWord.allCases.map(\.rawValue) + [Keyword.main.rawValue])

  @Test("docs/language.md's grammar quotes every word of the table, and only those")
  func docsGrammarMatchesTable() throws {
    let grammar = try Self.docsGrammar()
    let quoted = Self.quotedWords(grammar)
    let table = Set(WordTable.all)
    #expect(table.subtracting(Self.unquotedInGrammar).subtracting(quoted).sorted() == [])
    // Size units are part of a size token (`64KiB`), not words.
    #expect(quoted.subtracting(table).subtracting(Parser.sizeUnits.keys).sorted() == [])
    for event in ReventWord.allCases { #expect(grammar.contains(" \(event.rawValue) ")) }
  }

  @Test("the grammar and the fuzzer's dictionary hold every relation token")
  func relationsInGrammarAndDictionary() throws {
    let grammar = try Self.docsGrammar()
    let dictionary = try Self.read("tools/fuzz/sockscript.dict").split(separator: "\n").map(String.init)
    for relation in WordTable.relations {
      #expect(grammar.contains("'\(relation)'"), "\(relation)")
      #expect(dictionary.contains("\"\(relation)\""), "\(relation)")
    }
  }

  @Test("the parser's grammar comments name every statement and operation word")
  func parserCommentsMatchTable() throws {
    let folder = Self.root.appendingPathComponent("Sources/ScenarioLang/Parser")
    var comments = ""
    for file in try FileManager.default.contentsOfDirectory(atPath: folder.path) where file.hasSuffix(".swift") {
      let text = try String(contentsOf: folder.appendingPathComponent(file), encoding: .utf8)
      comments += text.split(separator: "\n").filter { $0.contains("///") }.joined(separator: "\n")
    }
    let quoted = Self.quotedWords(comments)
    let words = StatementWord.allCases.map(\.rawValue) + OperationWord.allCases.map(\.rawValue)
    #expect(Set(words).subtracting(quoted).sorted() == [])
  }

  @Test("the fuzzer's dictionary holds every word of the table")
  func fuzzDictionaryHoldsTable() throws {
    let lines = try Self.read("tools/fuzz/sockscript.dict").split(separator: "\n")
    // An entry is `"word"` or `name="word"`.
    let entries = Set(lines.map { $0.drop { $0 != "\"" } }.map(String.init))
    #expect(WordTable.all.filter { !entries.contains("\"\($0)\"") } == [])
  }

  @Test("Tab offers every statement word at a statement's start and every operation after a name")
  func completionOffersTable() {
    let start = Completion.complete("", sockets: [], files: { _ in [] }).candidates
    #expect(StatementWord.allCases.map(\.rawValue).filter { !start.contains($0) } == [])
    let afterName = Completion.complete("c1 ", sockets: ["c1"], files: { _ in [] }).candidates
    #expect(OperationWord.allCases.map(\.rawValue).filter { !afterName.contains($0) } == [])
  }

  @Test("the notes list the table's words in its order")
  func notesFollowTable() {
    #expect(Parser.operationsNote == "operations: " + OperationWord.allCases.map(\.rawValue).joined(separator: ", "))
    #expect(Parser.statementList.split(separator: ", ").map(String.init) == StatementWord.allCases.map(\.rawValue))
  }

  @Test("no word is in two enums that the parser tells apart")
  func statementAndOperationWordsAreDistinct() {
    let statements = Set(StatementWord.allCases.map(\.rawValue))
    #expect(OperationWord.allCases.filter { statements.contains($0.rawValue) } == [])
    #expect(Keyword.allCases.filter { statements.contains($0.rawValue) } == [])
  }
}
