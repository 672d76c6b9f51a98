/// A plain-text table: a header, a rule, rows; text columns left-aligned, figures right.
struct TextTable {
  let headers: [String]
  /// The columns that hold text (the others hold figures).
  let textColumns: Set<Int>
  private(set) var rows: [[String]] = []

  init(_ headers: [String], textColumns: Set<Int> = [0]) {
    self.headers = headers
    self.textColumns = textColumns
  }

  mutating func add(_ cells: [String]) { rows.append(cells) }

  /// The table as lines of text, columns two spaces apart, trailing blanks trimmed.
  func render() -> String {
    let all = [headers] + rows
    let widths = headers.indices.map { column in
      all.map { $0.indices.contains(column) ? $0[column].count : 0 }.max() ?? 0
    }
    let rule = widths.map { String(repeating: "-", count: $0) }
    return ([headers, rule] + rows).map { cells in
      headers.indices.map { column in
        let cell = cells.indices.contains(column) ? cells[column] : ""
        let padding = String(repeating: " ", count: widths[column] - cell.count)
        return textColumns.contains(column) ? cell + padding : padding + cell
      }.joined(separator: "  ").trimmingTrailingSpaces()
    }.joined(separator: "\n")
  }
}

extension String {
  fileprivate func trimmingTrailingSpaces() -> String {
    var copy = self
    while copy.last == " " { copy.removeLast() }
    return copy
  }
}
