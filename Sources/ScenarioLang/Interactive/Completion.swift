import SockKernel
import SyscallVocabulary

/// What Tab offers at the cursor: the partial word before it and the words that can replace
/// it, chosen by where the cursor is (statement start, after `=`, after `:load`, …).
public struct Completion: Equatable, Sendable {
  /// The text before the cursor that the candidates replace.
  public let word: String
  /// Full replacements, sorted; a directory ends with `/`.
  public let candidates: [String]

  /// The longest text every candidate starts with (at least ``word`` when there are any).
  public var commonPrefix: String {
    guard var prefix = candidates.first else { return word }
    for candidate in candidates.dropFirst() {
      while !candidate.hasPrefix(prefix) { prefix.removeLast() }
    }
    return prefix
  }

  /// Completions for the REPL input `beforeCursor` (earlier lines of a continued input
  /// included). `sockets` are the names declared now; `files` lists a directory's entries
  /// for `:load`/`:save`/`:timeline` (directories with a trailing `/`).
  public static func complete(
    _ beforeCursor: String, sockets: [String], files: (_ directory: String) -> [String]
  ) -> Completion {
    let trimmed = beforeCursor.drop { $0 == " " || $0 == "\t" }
    if trimmed.hasPrefix(":") { return meta(String(trimmed), files: files) }
    // Words, sysctl names (net.core.somaxconn) and name templates (c$i) are ASCII.
    let word = String(
      beforeCursor.unicodeScalars.reversed().prefix { Lexer.isWordPart($0) || $0 == "." || $0 == "$" }.reversed()
        .map(Character.init))
    let none = Completion(word: word, candidates: [])
    // A number, or a template with a loop variable, is not a word to complete.
    if word.contains("$") || word.first?.isNumber == true { return none }
    // Read as the parser reads it; text that does not lex (inside a string) has no words.
    guard let tokens = try? Lexer.tokenize(String(beforeCursor.dropLast(word.count))),
      let statement = currentStatement(tokens.dropLast())
    else { return none }
    let all = tokens.dropLast()
    let afterPrefix = statement.startIndex > all.startIndex && all[statement.startIndex - 1].kind == .colon
    let pool = NextWords.after(statement, sockets: sockets, afterPrefix: afterPrefix)
    return Completion(word: word, candidates: Set(pool.filter { $0.hasPrefix(word) }).sorted())
  }

  /// The tokens of the statement the cursor is in: after the last `;`, new line or `{` of a
  /// `repeat` body. Nil when that statement is over (after `&`, or a body's `}`), so that
  /// only a separator can come.
  static func currentStatement(_ tokens: ArraySlice<Token>) -> ArraySlice<Token>? {
    var start = tokens.startIndex
    var braces: [Bool] = []  // for each open '{': whether it starts a block, not a timeval
    var over = false
    for index in tokens.indices {
      over = false
      switch tokens[index].kind {
      case .semicolon, .newline, .colon:
        start = index + 1
      case .leftBrace:
        let before = index > tokens.startIndex ? tokens[index - 1].kind : nil
        let timeval =
          before == .equals || before == .word(ExpectationWord.or.rawValue) || before == .word("sndtimeo")
          || before == .word("rcvtimeo") || before == .word(MessageHeaderWord.creds.rawValue)
        braces.append(!timeval)
        if !timeval { start = index + 1 }
      case .rightBrace:
        over = braces.popLast() ?? false
      case .ampersand:
        over = true
      default:
        break
      }
    }
    return over ? nil : tokens[start...]
  }

  /// `:help`, `:load FILE`, `:explain on|off`, ….
  static func meta(_ text: String, files: (String) -> [String]) -> Completion {
    guard let space = text.firstIndex(where: { $0 == " " || $0 == "\t" }) else {
      let names = MetaCommand.names.map { ":" + $0 }
      return Completion(word: text, candidates: names.filter { $0.hasPrefix(text) }.sorted())
    }
    let command = String(text[text.index(after: text.startIndex)..<space])
    let argument = String(text[space...].drop { $0 == " " || $0 == "\t" })
    switch command {
    case "load", "save", "timeline":
      let slash = argument.lastIndex(of: "/")
      let directory = slash.map { String(argument[...$0]) } ?? ""
      let showHidden = argument[(slash.map { argument.index(after: $0) } ?? argument.startIndex)...].hasPrefix(".")
      let entries = files(directory).filter { showHidden || !$0.hasPrefix(".") }.map { directory + $0 }
      return Completion(word: argument, candidates: entries.filter { $0.hasPrefix(argument) }.sorted())
    case "explain":
      return Completion(word: argument, candidates: ["off", "on"].filter { $0.hasPrefix(argument) })
    default:
      return Completion(word: argument, candidates: [])
    }
  }
}
