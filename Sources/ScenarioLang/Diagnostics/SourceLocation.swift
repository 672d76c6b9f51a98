/// A position in a script: 1-based line and column (columns count Unicode scalars), plus
/// the UTF-8 offset of the position for slicing.
public struct SourceLocation: Sendable, Equatable, Comparable, CustomStringConvertible {
  public let line: Int
  public let column: Int
  public let offset: Int

  public init(line: Int, column: Int, offset: Int) {
    self.line = line
    self.column = column
    self.offset = offset
  }

  public static func < (a: SourceLocation, b: SourceLocation) -> Bool { a.offset < b.offset }

  public var description: String { "\(line):\(column)" }
}

/// A script's text and the name it is reported under (a path, `-e`, or `<stdin>`).
public struct SourceFile: Sendable {
  public let name: String
  public let text: String

  public init(name: String, text: String) {
    self.name = name
    self.text = text
  }

  /// Every line, without its newline. Split on the byte, as the lexer counts lines:
  /// splitting on the Character "\n" would miss "\r\n" and a newline followed by a
  /// combining mark, which are single Characters.
  package var lines: [Substring] {
    text.utf8.split(separator: UInt8(ascii: "\n"), omittingEmptySubsequences: false).map { Substring($0) }
  }

  /// The text of 1-based line `number`, without its newline (or the `\r` of a CRLF).
  /// Found by scanning for it: only a diagnostic asks, and splitting every script into
  /// lines as it was read cost some 24 000 instructions a sample.
  public func line(_ number: Int) -> Substring {
    guard number >= 1 else { return "" }
    let utf8 = text.utf8
    var start = utf8.startIndex
    for _ in 1..<number {
      guard let newline = utf8[start...].firstIndex(of: UInt8(ascii: "\n")) else { return "" }
      start = utf8.index(after: newline)
    }
    let end = utf8[start...].firstIndex(of: UInt8(ascii: "\n")) ?? utf8.endIndex
    let line = Substring(utf8[start..<end])
    return line.utf8.last == UInt8(ascii: "\r") ? Substring(line.utf8.dropLast()) : line
  }
}
