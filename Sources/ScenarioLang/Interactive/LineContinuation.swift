/// When one typed line is not yet a whole REPL input.
///
/// The language ends a statement at every newline; only `repeat N { … }` (and a raw timeval
/// `{sec, usec}`) span lines. The REPL therefore joins physical lines into one input while:
/// * the line ends with a backslash `\` (outside a string or comment), which is dropped and
///   the next line joined with a space, or
/// * a `{` is still open: the next line is joined with a new line when the innermost open
///   brace starts a `repeat` body (where a new line ends a statement), with a space when it
///   starts a timeval (`sndtimeo {1,`, `= {0,`), which must stay on one line.
///
/// An unterminated string is not continued: strings end on their own line in the language,
/// so the REPL reports it at once, as `sockscript run` would.
public enum LineContinuation {
  /// The logical line so far, if `line` (appended to `pending`) leaves it incomplete; nil when
  /// the joined text is ready to run.
  public static func join(_ pending: String?, _ line: String) -> (text: String, complete: Bool) {
    let text = pending.map { $0 + (innermostOpenBraceIsBlock($0) ? "\n" : " ") + line } ?? line
    if endsWithBackslash(text) { return (String(text.dropLast()), false) }
    return (text, openBraces(text) <= 0)
  }

  /// `{` minus `}` outside strings and comments.
  static func openBraces(_ text: String) -> Int {
    var depth = 0
    scan(text) { scalar in
      if scalar == "{" { depth += 1 }
      if scalar == "}" { depth -= 1 }
    }
    return depth
  }

  /// Whether the innermost `{` still open starts a block (a `repeat` body) rather than a
  /// timeval, which follows `=`, `sndtimeo` or `rcvtimeo`.
  static func innermostOpenBraceIsBlock(_ text: String) -> Bool {
    var code = ""
    var open: [Bool] = []
    scan(text) { scalar in
      if scalar == "{" {
        let before = code.reversed().drop { $0 == " " || $0 == "\t" || $0 == "\n" }
        let timeval = before.first == "=" || before.starts(with: "oemitdns") || before.starts(with: "oemitvcr")
        open.append(!timeval)
      }
      if scalar == "}" { _ = open.popLast() }
      code.unicodeScalars.append(scalar)
    }
    return open.last ?? false
  }

  /// A backslash as the last scalar, and that scalar is code (not in a string or comment).
  static func endsWithBackslash(_ text: String) -> Bool {
    let total = text.unicodeScalars.count
    var seen = 0
    var lastCodeIndex = -1
    var lastCode: Unicode.Scalar?
    scan(text, counting: { seen += 1 }) { scalar in
      lastCodeIndex = seen - 1
      lastCode = scalar
    }
    return lastCodeIndex == total - 1 && lastCode == "\\"
  }

  /// Calls `code` with every scalar outside strings and comments.
  private static func scan(
    _ text: String, counting: () -> Void = {}, _ code: (Unicode.Scalar) -> Void
  ) {
    var inString = false
    var escaped = false
    var inComment = false
    for scalar in text.unicodeScalars {
      counting()
      if inComment {
        if scalar == "\n" { inComment = false }
        continue
      }
      if inString {
        if escaped {
          escaped = false
        } else if scalar == "\\" {
          escaped = true
        } else if scalar == "\"" || scalar == "\n" {
          inString = false
        }
        continue
      }
      switch scalar {
      case "\"": inString = true
      case "#": inComment = true
      default: code(scalar)
      }
    }
  }
}
