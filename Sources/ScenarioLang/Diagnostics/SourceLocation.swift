import Glibc

/// A position in a script: 1-based line and column (columns count Unicode scalars), plus
/// the UTF-8 offset of the position for slicing.
///
/// Kept in 32 bits each (a script is at most 2 GiB, `--max-script-bytes`): a location is in
/// every name, operation, statement and call the session keeps and copies, and 12 bytes
/// less in each copied less (callgrind: about 1 % of a connect/accept cycle and of a
/// pingpong).
public struct SourceLocation: Sendable, Equatable, Comparable, CustomStringConvertible {
  private let storedLine: UInt32
  private let storedColumn: UInt32
  private let storedOffset: UInt32

  public var line: Int { Int(storedLine) }
  public var column: Int { Int(storedColumn) }
  public var offset: Int { Int(storedOffset) }

  public init(line: Int, column: Int, offset: Int) {
    storedLine = UInt32(clamping: line)
    storedColumn = UInt32(clamping: column)
    storedOffset = UInt32(clamping: offset)
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
  /// lines as it was read cost some 24 000 instructions a sample. The scan is `memchr`'s,
  /// over the text's bytes in place.
  public func line(_ number: Int) -> Substring {
    guard number >= 1 else { return "" }
    let range = text.utf8.withContiguousStorageIfAvailable { Self.lineRange(number, in: $0) } ?? nil
    let utf8 = text.utf8
    guard let (first, end) = range ?? Array(utf8).withUnsafeBufferPointer({ Self.lineRange(number, in: $0) })
    else { return "" }
    let start = utf8.index(utf8.startIndex, offsetBy: first)
    let line = Substring(utf8[start..<utf8.index(start, offsetBy: end - first)])
    return line.utf8.last == UInt8(ascii: "\r") ? Substring(line.utf8.dropLast()) : line
  }

  /// The byte offsets of line `number` (1-based) in `bytes`, without its newline; nil when
  /// the text has fewer lines.
  private static func lineRange(_ number: Int, in bytes: UnsafeBufferPointer<UInt8>) -> (Int, Int)? {
    guard let base = bytes.baseAddress else { return number == 1 ? (0, 0) : nil }
    func newline(from offset: Int) -> Int? {
      guard let found = memchr(base + offset, Int32(UInt8(ascii: "\n")), bytes.count - offset) else { return nil }
      return base.distance(to: found.assumingMemoryBound(to: UInt8.self))
    }
    var start = 0
    for _ in 1..<number {
      guard let at = newline(from: start) else { return nil }
      start = at + 1
    }
    return (start, newline(from: start) ?? bytes.count)
  }
}
