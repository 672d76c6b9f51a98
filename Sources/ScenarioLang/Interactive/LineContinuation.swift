/// When one typed line is not yet a whole REPL input.
///
/// The language ends a statement at every newline; only `repeat N { … }` (and a raw timeval
/// `{sec, usec}`) span lines. The REPL therefore joins physical lines into one input while:
/// * the line ends with a backslash `\` (outside a string or comment), which is dropped and
///   the next line joined with a space, or
/// * the parser reaches the end of the input inside a `{` (``Parser/unfinished(_:)``): the
///   next line is joined with a new line when the innermost open brace starts a `repeat`
///   body (where a new line ends a statement), with a space when it starts a timeval
///   (`sndtimeo {1,`, `= {0,`), which must stay on one line.
///
/// Input that fails before its end is complete, and so is an unterminated string: strings
/// end on their own line in the language, so the REPL reports it at once, as
/// `sockscript run` would.
public enum LineContinuation {
  /// The logical line so far, if `line` (appended to `pending`) leaves it incomplete; nil when
  /// the joined text is ready to run.
  public static func join(_ pending: String?, _ line: String) -> (text: String, complete: Bool) {
    let text = pending.map { $0 + (Parser.unfinished($0) == .block ? "\n" : " ") + line } ?? line
    if endsWithBackslash(text) { return (String(text.dropLast()), false) }
    return (text, Parser.unfinished(text) == nil)
  }

  /// A backslash as the last scalar, and that scalar is code (not in a string or comment):
  /// the lexer, which knows strings and comments, stops at it as a character it does not know.
  static func endsWithBackslash(_ text: String) -> Bool {
    guard text.unicodeScalars.last == "\\" else { return false }
    do {
      _ = try Lexer.tokenize(text)
      return false
    } catch {
      return error.location?.offset == text.utf8.count - 1
    }
  }
}
