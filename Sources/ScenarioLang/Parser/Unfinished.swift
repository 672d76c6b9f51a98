extension Parser {
  /// A `{` that a later line may close.
  public enum OpenBrace: Sendable, Equatable {
    /// The body of a `repeat`, where a new line ends a statement.
    case block
    /// A raw timeval (`sndtimeo {1,`, `= {0,`) or ucred (`= {1, 0,`), which a new line would
    /// break.
    case timeval
  }

  /// The brace `text` is still inside when the parser reaches its end, as lua.c's
  /// `incomplete()` asks its parser: nil when `text` parses, or fails before its end (the
  /// error is then reported at once), so the REPL needs no scanner of its own for strings,
  /// comments and keywords.
  public static func unfinished(_ text: String) -> OpenBrace? {
    guard let tokens = try? Lexer.tokenize(text) else { return nil }
    var parser = Parser(tokens: tokens)
    do {
      _ = try parser.parseScript()
      return nil
    } catch {
      // An error at the end of input inside an open brace: more lines may close it.
      guard parser.current.kind == .endOfFile else { return nil }
      return parser.openBraces.last
    }
  }
}
