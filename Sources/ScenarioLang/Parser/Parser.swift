import SockKernel
import SyscallVocabulary

/// Recursive-descent parser: tokens to a ``Script``. One method per grammar rule, in the
/// files of this folder; the rule each implements is in its `///` comment.
public struct Parser {
  var tokens: [Token]
  var position = 0
  /// The variables of the `repeat` bodies being parsed, outermost first ("" for a loop
  /// without `as`).
  var loopVariables: [String] = []
  /// The braces opened and not yet closed, innermost last: where the input ends inside one,
  /// it is unfinished (see ``unfinished(_:)``).
  var openBraces: [OpenBrace] = []
  /// How deep `repeat`s may nest (``Limits/maxNesting``).
  let maxNesting: Int

  public init(tokens: [Token], maxNesting: Int = Limits().maxNesting) {
    self.tokens = tokens
    self.maxNesting = maxNesting
  }

  /// Lexes and parses `text`; the first error is thrown.
  public static func parse(_ text: String, maxNesting: Int = Limits().maxNesting) throws(Diagnostic) -> Script {
    let (tokens, directives) = try Lexer.scan(text)
    var parser = Parser(tokens: tokens, maxNesting: maxNesting)
    var script = try parser.parseScript()
    try script.apply(directives)
    return script
  }

  // MARK: Words with a meaning (declared in Words.swift)

  static let statementWords: Set<String> = Set(StatementWord.allCases.map(\.rawValue))
  /// The statement words in order, for `did you mean`: the first of two equally close wins.
  static let sortedStatementWords = statementWords.sorted()
  static let operationWords: [String] = OperationWord.allCases.map(\.rawValue)
  /// The statement words, for notes.
  static let statementList = StatementWord.allCases.map(\.rawValue).joined(separator: ", ")
  /// The operation words, for notes.
  static let operationsNote = "operations: " + operationWords.joined(separator: ", ")
  /// The reserved words that neither start a statement nor name an operation.
  static let otherKeywords: Set<String> = Set(
    Keyword.allCases.map(\.rawValue) + NonblockWord.allCases.map(\.rawValue)
      + ShutdownWord.allCases.map(\.rawValue) + MessageFlagWord.allCases.map(\.rawValue)
      + PollEventWord.allCases.map(\.rawValue)
      + GetOptionWord.allCases.map(\.rawValue).filter { OperationWord(rawValue: $0) == nil })

  /// Whether the current token is `keyword`.
  func currentIs(_ keyword: Keyword) -> Bool { currentWord == keyword.rawValue }

  /// True for a word that cannot name a socket.
  static func isReserved(_ word: String) -> Bool {
    statementWords.contains(word) || OperationWord(rawValue: word) != nil || TypeWord(rawValue: word) != nil
      || otherKeywords.contains(word) || Errno(name: word) != nil
  }

  /// True for a word that can refer to an existing socket: any unreserved word, and the
  /// default names `server` and `client`.
  static func canReferToSocket(_ word: String) -> Bool {
    !isReserved(word) || word == "server" || word == "client"
  }

  // MARK: Token cursor

  var current: Token { tokens[position] }

  /// The token after the current one (the last, end of input, at the end).
  var next: Token { tokens[min(position + 1, tokens.count - 1)] }

  mutating func advance() {
    if position < tokens.count - 1 { position += 1 }
  }

  /// The current token's word, if it is one.
  var currentWord: String? {
    if case .word(let w) = current.kind { return w }
    return nil
  }

  var atStatementEnd: Bool {
    switch current.kind {
    case .semicolon, .newline, .endOfFile, .ampersand: true
    case .rightBrace: !loopVariables.isEmpty
    default: false
    }
  }

  func error(_ message: String, notes: [String] = []) -> Diagnostic {
    Diagnostic(message, at: current.location, length: current.length, notes: notes)
  }

  mutating func expect(_ kind: Token.Kind, _ what: String) throws(Diagnostic) {
    guard current.kind == kind else { throw error("expected \(what), found \(current.spelling)") }
    advance()
  }

  /// `did you mean 'X'?` when a close word exists.
  static func suggestion(for word: String, among candidates: [String]) -> [String] {
    // The distance costs length × length: a name of a megabyte against a million names
    // would hang. Nobody misspells a name that long, and a length gap beyond the allowed
    // distance rules a candidate out before it is measured.
    let allowed = max(1, word.utf8.count / 3)
    guard word.utf8.count <= maxSuggestedLength else { return [] }
    let ranked = candidates.lazy.filter { abs($0.utf8.count - word.utf8.count) <= allowed }
      .map { ($0, editDistance(word.utf8, $0.utf8, limit: allowed)) }.filter { $0.1 <= allowed }
    guard let best = ranked.min(by: { $0.1 < $1.1 }) else { return [] }
    return ["did you mean '\(best.0)'?"]
  }

  /// Longer words get no `did you mean`.
  static let maxSuggestedLength = 64
}
