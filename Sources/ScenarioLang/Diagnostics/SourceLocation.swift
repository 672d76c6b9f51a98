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
  let lines: [Substring]

  public init(name: String, text: String) {
    self.name = name
    self.text = text
    self.lines = text.split(separator: "\n", omittingEmptySubsequences: false)
  }

  /// The text of 1-based line `number`, without its newline.
  public func line(_ number: Int) -> Substring {
    number >= 1 && number <= lines.count ? lines[number - 1] : ""
  }
}
