/// A statement's text as typed, for `:save`, and how a statement that stopped the REPL's
/// session is written so that the saved script still runs as the REPL went on.
enum StatementText {
  /// The statement's source, from its first token to its last (a trailing comment dropped);
  /// a `repeat` runs to its closing `}`, over as many lines as it takes.
  static func of(_ statement: Statement, tokens: [Token], in source: SourceFile) -> String {
    guard let first = tokens.firstIndex(where: { $0.location.offset == statement.location.offset }) else {
      return String(source.line(statement.location.line))
    }
    var last = first
    var index = first
    var depth = 0
    scan: while index < tokens.count {
      switch tokens[index].kind {
      case .endOfFile: break scan
      case .semicolon where depth == 0, .newline where depth == 0: break scan
      case .leftBrace: depth += 1
      case .rightBrace: depth -= 1
      default: break
      }
      last = index
      index += 1
    }
    let utf8 = Array(source.text.utf8)
    let start = statement.location.offset
    let lastToken = tokens[last]
    let lastLine = Array(source.line(lastToken.location.line).unicodeScalars)
    let lastEndColumn = min(lastLine.count, lastToken.location.column - 1 + lastToken.length)
    let tail = lastLine[(lastToken.location.column - 1)..<max(lastToken.location.column - 1, lastEndColumn)]
    let end = lastToken.location.offset + String(String.UnicodeScalarView(tail)).utf8.count
    guard start < end, end <= utf8.count else { return String(source.line(statement.location.line)) }
    return String(decoding: utf8[start..<end], as: UTF8.self)
  }

  /// An interrupted statement's calls go on when the next line runs, as a background
  /// statement's would: a socket statement is saved with `&`, anything else as typed.
  static func afterInterrupt(_ statement: Statement, _ text: String) -> String {
    switch statement.kind {
    case .declare, .act: statement.background ? text : text + " &"
    case .sleep, .wait, .file, .socketpair, .signal, .sysctl, .ignoreSigpipe, .handleSigurg, .loop, .thread, .fork,
      .exit, .exec,
      .waitpid, .kill, .setuid, .setgid, .setrlimit, .open, .epoll, .sigprocmask, .state:
      text
    }
  }

  /// The REPL leaves a call that would block forever asleep and goes on, as a background
  /// call would: saved with `&` so that `sockscript run` goes on too. A statement that
  /// stopped with a script error is saved as a comment; a declaration keeps its bare form,
  /// since the socket was created and later lines may use it.
  static func afterStop(_ statement: Statement, _ text: String, blockedForever: Bool) -> String {
    switch statement.kind {
    case .declare, .act:
      if blockedForever { return statement.background ? text : text + " &" }
    case .sleep, .wait, .file, .socketpair, .signal, .sysctl, .ignoreSigpipe, .handleSigurg, .loop, .thread, .fork,
      .exit, .exec,
      .waitpid, .kill, .setuid, .setgid, .setrlimit, .open, .epoll, .sigprocmask, .state:
      break
    }
    let comment = "# \(blockedForever ? "blocked forever" : "error") in the REPL: \(text)"
    guard case .declare(let kind, let name, let type, _, _, _) = statement.kind else { return comment }
    var bare = kind.rawValue
    if let name { bare += " " + name.text }
    if let type { bare += " " + StateTable.typeWord(type) }
    return comment + "\n" + bare
  }
}
