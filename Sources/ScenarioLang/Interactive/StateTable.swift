import SockKernel
import SyscallVocabulary

/// The REPL's `:state`: one row per socket in the spirit of `ss -x`, with the lines a learner
/// needs under it — a listener's backlog and queue, and who sleeps on which wait queue.
///
/// Recv-Q and Send-Q are what `ss -x` shows for the same state on Linux (`unix_diag`): for a
/// listener, the connections queued and the backlog; otherwise the bytes a read could take
/// and the truesize of what the socket sent that is not freed yet.
///
/// The table fits the terminal: when the full one is too wide, the timeouts and flags, then
/// the addresses, move to an indented line under their row (only where they say something),
/// and long lines under a row wrap between words.
enum StateTable {
  /// A layout: which columns stay in the table.
  enum Layout: CaseIterable {
    case full, noTimeouts, noAddresses

    var columns: [Column] {
      switch self {
      case .full: Column.allCases
      case .noTimeouts: [.socket, .fd, .type, .state, .recvQ, .sendQ, .local, .peer]
      case .noAddresses: [.socket, .fd, .type, .state, .recvQ, .sendQ]
      }
    }
  }

  /// The table's lines, at most `width` columns wide where the names allow; `name` names a
  /// socket by inode, `clock` turns jiffies into time.
  static func render(
    _ sockets: [SocketSnapshot], name: (Int) -> String, clock: VirtualClock, width: Int = 80
  ) -> [String] {
    guard !sockets.isEmpty else { return ["no sockets"] }
    let cells = sockets.map { Cells($0, name: name, clock: clock) }
    var lines: [String] = []
    for layout in Layout.allCases {
      lines = render(cells, layout: layout, width: width)
      if lines.allSatisfy({ $0.count <= width }) { break }
    }
    return lines
  }

  static func render(_ rows: [Cells], layout: Layout, width: Int) -> [String] {
    let columns = layout.columns
    let widths = columns.map { column in max(column.title.count, rows.map { $0[column].count }.max() ?? 0) }
    func format(_ cells: [String]) -> String {
      var line = ""
      for (index, cell) in cells.enumerated() {
        let pad = String(repeating: " ", count: widths[index] - cell.count)
        if index > 0 { line += "  " }
        line += columns[index].isNumeric ? pad + cell : cell + (index == cells.count - 1 ? "" : pad)
      }
      return line
    }
    var lines = [format(columns.map(\.title))]
    for row in rows {
      lines.append(format(columns.map { row[$0] }))
      let moved = row.movedOut(of: columns)
      for detail in (moved.isEmpty ? [] : [moved]) + row.details {
        lines += wrap(detail, width: width, indent: "    ", hanging: "        ")
      }
    }
    return lines
  }

  /// `text` in lines of at most `width` columns, broken between words: `indent` before the
  /// first line, `hanging` before the others. A word longer than a line stays whole.
  static func wrap(_ text: String, width: Int, indent: String, hanging: String) -> [String] {
    var lines: [String] = []
    var line = indent
    var lineHasWord = false
    for word in text.split(separator: " ", omittingEmptySubsequences: false) {
      if lineHasWord && line.count + 1 + word.count > width {
        lines.append(line)
        line = hanging
        lineHasWord = false
      }
      line += (lineHasWord ? " " : "") + word
      lineHasWord = true
    }
    lines.append(line)
    return lines
  }
}
