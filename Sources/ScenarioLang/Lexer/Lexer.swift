/// Turns a script into tokens with 1-based line:column positions.
///
/// Newlines are tokens (they end statements, like `;`); `#` starts a comment that runs to
/// the end of the line. A comment `# model-only: WHY` or `# kernel-only: WHY` is a
/// ``SideDirective`` for the statements of its line.
public struct Lexer {
  /// The script, for the text of a word or a comment, which is a run of its bytes.
  private let source: String
  private let scalars: [Unicode.Scalar]
  private var index = 0
  private var line = 1
  private var column = 1
  private var offset = 0
  /// The `# model-only:` / `# kernel-only:` comments seen so far.
  public private(set) var directives: [SideDirective] = []

  public init(_ text: String) {
    // Room for every byte, so that the scalars are copied in one pass: `Array(_:)` and
    // `append(contentsOf:)` of the view count them first, a second walk over the script.
    var scalars: [Unicode.Scalar] = []
    scalars.reserveCapacity(text.utf8.count)
    for scalar in text.unicodeScalars { scalars.append(scalar) }
    self.scalars = scalars
    source = text
  }

  /// All tokens, ending with `.endOfFile`, or the first lexical error.
  public static func tokenize(_ text: String) throws(Diagnostic) -> [Token] { try scan(text).tokens }

  /// All tokens and every side directive, or the first lexical error.
  public static func scan(_ text: String) throws(Diagnostic) -> (tokens: [Token], directives: [SideDirective]) {
    var lexer = Lexer(text)
    var tokens: [Token] = []
    // About one token for every six bytes of a script (the samples); fewer reallocations.
    tokens.reserveCapacity(text.utf8.count / 6 + 1)
    while true {
      let token = try lexer.next()
      tokens.append(token)
      if token.kind == .endOfFile { return (tokens, lexer.directives) }
    }
  }

  private var location: SourceLocation { SourceLocation(line: line, column: column, offset: offset) }

  private func peek(_ ahead: Int = 0) -> Unicode.Scalar? {
    index + ahead < scalars.count ? scalars[index + ahead] : nil
  }

  private mutating func advance() {
    let s = scalars[index]
    index += 1
    offset += UTF8.width(s)
    if s == "\n" {
      line += 1
      column = 1
    } else {
      column += 1
    }
  }

  /// The next token.
  public mutating func next() throws(Diagnostic) -> Token {
    try skipBlanksAndComments()
    let start = location
    guard let c = peek() else { return Token(kind: .endOfFile, location: start, length: 1) }
    func single(_ kind: Token.Kind) -> Token {
      advance()
      return Token(kind: kind, location: start, length: 1)
    }
    switch c {
    case "\n": return single(.newline)
    case ";": return single(.semicolon)
    case "=": return single(.equals)
    case "{": return single(.leftBrace)
    case "}": return single(.rightBrace)
    case "[": return single(.leftBracket)
    case "]": return single(.rightBracket)
    case "|": return single(.pipe)
    case ",": return single(.comma)
    case "&": return single(.ampersand)
    case ":": return single(.colon)
    case ">", "<": return lexRelation(start)
    case "@": return single(.at)
    case "\"": return try lexString(start)
    case "-", "0"..."9": return try lexNumber(start)
    default:
      if Self.isWordStart(c) || c == "$" { return try lexWord(start) }
      throw Diagnostic(Self.describeUnexpected(c), at: start)
    }
  }

  private mutating func skipBlanksAndComments() throws(Diagnostic) {
    while let c = peek() {
      if c == " " || c == "\t" || c == "\r" {
        advance()
      } else if c == "#" {
        let start = location
        let first = index
        let firstByte = offset
        while let d = peek(), d != "\n" { advance() }
        // Only a comment whose first word starts as a directive's can be one: the others
        // are not copied out to be looked at.
        guard let word = scalars[(first + 1)..<index].first(where: { $0 != " " && $0 != "\t" }),
          SideDirective.initials.contains(word)
        else { continue }
        if let directive = try SideDirective(comment: text(from: firstByte), at: start) { directives.append(directive) }
      } else {
        return
      }
    }
  }

  static func isWordStart(_ c: Unicode.Scalar) -> Bool {
    ("a"..."z").contains(c) || ("A"..."Z").contains(c) || c == "_"
  }

  static func isWordPart(_ c: Unicode.Scalar) -> Bool {
    isWordStart(c) || ("0"..."9").contains(c)
  }

  /// A word, a dotted sysctl name (`net.core.somaxconn`), or a name template with loop
  /// variables (`c$i`, `pair${i}a`).
  private mutating func lexWord(_ start: SourceLocation) throws(Diagnostic) -> Token {
    let first = offset
    var hasVariable = false
    while let c = peek(), Self.isWordPart(c) || c == "$" {
      if c == "$" {
        try lexVariable()
        hasVariable = true
        continue
      }
      advance()
    }
    // `net.core.somaxconn`: a sysctl name.
    guard !hasVariable, peek() == ".", let next = peek(1), Self.isWordStart(next) else {
      return Token(kind: .word(text(from: first)), location: start, length: location.column - start.column)
    }
    while let c = peek(), Self.isWordPart(c) || (c == "." && peek(1).map(Self.isWordStart) == true) {
      advance()
    }
    let text = text(from: first)
    return Token(kind: .dotted(text), location: start, length: text.count)
  }

  /// The text from UTF-8 offset `first` to the current scalar, as written: a word (its
  /// variables included) or a comment is one run of the source's bytes, copied at once
  /// rather than encoded back from its scalars.
  private func text(from first: Int) -> String {
    let utf8 = source.utf8
    let start = utf8.index(utf8.startIndex, offsetBy: first)
    return String(Substring(utf8[start..<utf8.index(start, offsetBy: offset - first)]))
  }

  /// `$i` or `${i}` inside a word: a loop variable, kept as written (``NameTemplate`` splits it).
  private mutating func lexVariable() throws(Diagnostic) {
    let at = location
    advance()
    let braced = peek() == "{"
    if braced { advance() }
    guard let first = peek(), Self.isWordStart(first) else {
      throw Diagnostic(
        "'$' must be followed by a loop variable's name", at: at,
        notes: ["e.g. 'repeat 3 as i { client c$i connect }', or ${i} to glue text after it: c${i}x"])
    }
    let nameStart = offset
    while let c = peek(), Self.isWordPart(c) { advance() }
    if braced {
      guard peek() == "}" else {
        throw Diagnostic(
          "'${' needs a closing '}' after the variable's name", at: at, length: text(from: nameStart).count + 2)
      }
      advance()
    }
  }

  /// `>=`, `>`, `<=` or `<`.
  private mutating func lexRelation(_ start: SourceLocation) -> Token {
    var text = String(scalars[index])
    advance()
    if peek() == "=" {
      text += "="
      advance()
    }
    return Token(kind: .relation(RelationWord(rawValue: text)!), location: start, length: text.count)
  }

  /// `-?digits(.digits)?` and an optional unit glued to it.
  private mutating func lexNumber(_ start: SourceLocation) throws(Diagnostic) -> Token {
    var text = ""
    if peek() == "-" {
      guard let d = peek(1), ("0"..."9").contains(d) else {
        throw Diagnostic("'-' must be followed by a number", at: start)
      }
      text = "-"
      advance()
    }
    while let c = peek(), ("0"..."9").contains(c) {
      text.unicodeScalars.append(c)
      advance()
    }
    if peek() == ".", let d = peek(1), ("0"..."9").contains(d) {
      text += "."
      advance()
      while let c = peek(), ("0"..."9").contains(c) {
        text.unicodeScalars.append(c)
        advance()
      }
    }
    guard let c = peek(), Self.isWordStart(c) else {
      return Token(kind: .number(text), location: start, length: text.count)
    }
    let unitStart = location
    var unit = ""
    while let c = peek(), Self.isWordPart(c) {
      unit.unicodeScalars.append(c)
      advance()
    }
    if ["KiB", "MiB"].contains(unit) {
      return Token(kind: .size(text, unit: unit), location: start, length: text.count + unit.count)
    }
    guard ["ns", "us", "ms", "s"].contains(unit) else {
      throw Diagnostic(
        "unknown unit '\(unit)'", at: unitStart, length: unit.count,
        notes: ["durations take ns, us, ms or s, e.g. 500ms; sizes take KiB or MiB, e.g. 64KiB"])
    }
    return Token(kind: .duration(text, unit: unit), location: start, length: text.count + unit.count)
  }

  /// A double-quoted string; `\"`, `\\`, `\n`, `\t`, `\0` and `\xHH` escapes.
  private mutating func lexString(_ start: SourceLocation) throws(Diagnostic) -> Token {
    advance()
    var bytes: [UInt8] = []
    while true {
      guard let c = peek(), c != "\n" else {
        throw Diagnostic("unterminated string", at: start, notes: ["close it with '\"' on the same line"])
      }
      let escapeAt = location
      advance()
      if c == "\"" { break }
      if c != "\\" {
        UTF8.encode(c) { bytes.append($0) }
        continue
      }
      guard let e = peek(), e != "\n" else {
        throw Diagnostic("unterminated string", at: start)
      }
      advance()
      switch e {
      case "\"": bytes.append(UInt8(ascii: "\""))
      case "\\": bytes.append(UInt8(ascii: "\\"))
      case "n": bytes.append(0x0A)
      case "t": bytes.append(0x09)
      case "0": bytes.append(0)
      case "x":
        var hex = ""
        for _ in 0..<2 {
          guard let h = peek(), h.properties.isASCIIHexDigit else {
            throw Diagnostic("'\\x' needs two hex digits", at: escapeAt)
          }
          hex.unicodeScalars.append(h)
          advance()
        }
        bytes.append(UInt8(hex, radix: 16)!)
      default:
        throw Diagnostic(
          "unknown escape '\\\(e)'", at: escapeAt, length: 2,
          notes: ["strings know \\\", \\\\, \\n, \\t, \\0 and \\xHH"])
      }
    }
    return Token(kind: .string(bytes), location: start, length: location.column - start.column)
  }

  private static func describeUnexpected(_ c: Unicode.Scalar) -> String {
    switch c.value {
    case 0: "unexpected NUL byte"
    case 0xFFFD: "invalid UTF-8 in the script"
    case 0..<0x20, 0x7F: "unexpected control character U+\(String(c.value, radix: 16, uppercase: true).leftPad(4))"
    default: "unexpected character '\(c)'"
    }
  }
}
