/// A lexeme of the scenario language.
public struct Token: Sendable, Equatable {
  public enum Kind: Sendable, Equatable {
    /// A word: a name, an operation, a keyword or an errno.
    case word(String)
    /// An integer or decimal number without a unit, as written (sign included).
    case number(String)
    /// A number with a time unit: `1s`, `-500ms`, `1.5us`, `3ns`.
    case duration(String, unit: String)
    /// A number with a size unit: `64KiB`, `1MiB`.
    case size(String, unit: String)
    /// A dotted word: `net.core.somaxconn`.
    case dotted(String)
    /// A double-quoted string, escapes resolved, as bytes.
    case string([UInt8])
    /// `@` (starts an abstract address).
    case at
    case semicolon
    case equals
    /// `>=`, `>`, `<=`, `<`: an expectation's relation.
    case relation(RelationWord)
    case leftBrace
    case rightBrace
    case leftBracket
    case rightBracket
    case pipe
    case comma
    case ampersand
    /// After a thread's name at the start of a statement: `t2: server accept`.
    case colon
    case newline
    case endOfFile
  }

  public let kind: Kind
  public let location: SourceLocation
  /// Length in columns, for carets.
  public let length: Int

  /// How the token reads in an error message.
  public var spelling: String {
    switch kind {
    case .word(let w): "'\(w)'"
    case .number(let n): "'\(n)'"
    case .duration(let n, let u): "'\(n)\(u)'"
    case .size(let n, let u): "'\(n)\(u)'"
    case .dotted(let w): "'\(w)'"
    case .string: "a string"
    case .at: "'@'"
    case .semicolon: "';'"
    case .colon: "':'"
    case .equals: "'='"
    case .relation(let relation): "'\(relation.rawValue)'"
    case .leftBrace: "'{'"
    case .rightBrace: "'}'"
    case .leftBracket: "'['"
    case .rightBracket: "']'"
    case .pipe: "'|'"
    case .comma: "','"
    case .ampersand: "'&'"
    case .newline: "end of line"
    case .endOfFile: "end of input"
    }
  }
}
