/// A statement's text as typed, for `:save`, and how a statement that stopped the REPL's
/// session is written so that the saved script still runs as the REPL went on.
enum StatementText {
  /// The statement's source, from its first token to its last (a trailing comment dropped).
  static func of(_ statement: Statement, tokens: [Token], in source: SourceFile) -> String {
    guard let first = tokens.firstIndex(where: { $0.location.offset == statement.location.offset }) else {
      return String(source.line(statement.location.line))
    }
    var last = first
    var index = first
    while index < tokens.count {
      switch tokens[index].kind {
      case .semicolon, .newline, .endOfFile: index = tokens.count
      default:
        last = index
        index += 1
      }
    }
    let line = Array(source.line(statement.location.line).unicodeScalars)
    let start = statement.location.column - 1
    let end = min(line.count, tokens[last].location.column - 1 + tokens[last].length)
    guard start < end else { return String(source.line(statement.location.line)) }
    return String(String.UnicodeScalarView(line[start..<end]))
  }

  /// The REPL leaves a call that would block forever asleep and goes on, as a background
  /// call would: saved with `&` so that `sockscript run` goes on too. A statement that
  /// stopped with a script error is saved as a comment; a declaration keeps its bare form,
  /// since the socket was created and later lines may use it.
  static func afterStop(_ statement: Statement, _ text: String, blockedForever: Bool) -> String {
    switch statement.kind {
    case .declare, .act:
      if blockedForever { return statement.background ? text : text + " &" }
    case .sleep, .wait, .file, .socketpair, .signal, .sysctl, .ignoreSigpipe:
      break
    }
    let comment = "# \(blockedForever ? "blocked forever" : "error") in the REPL: \(text)"
    guard case .declare(let kind, let name, let type, _) = statement.kind else { return comment }
    var bare = kind.rawValue
    if let name { bare += " " + name.text }
    if let type { bare += " " + StateTable.typeWord(type) }
    return comment + "\n" + bare
  }
}
