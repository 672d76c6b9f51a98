/// Numbered notes under a table, for the reasons a figure is missing.
struct Footnotes {
  private var notes: [String] = []

  /// Adds a note and returns its mark, `[1]`.
  mutating func add(_ note: String) -> String {
    notes.append(note)
    return "[\(notes.count)]"
  }

  func render() -> String {
    notes.enumerated().map { Wrapping.hanging("[\($0.offset + 1)]", $0.element, indent: 4) }.joined()
  }
}
