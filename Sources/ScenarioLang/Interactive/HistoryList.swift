/// The REPL's history as kept on disk: one logical line per line, oldest first, at most
/// ``limit`` entries, each line once (a repeated line moves to the end).
public struct HistoryList: Equatable, Sendable {
  public static let defaultLimit = 1000
  public let limit: Int
  public private(set) var entries: [String] = []

  public init(limit: Int = defaultLimit) { self.limit = max(1, limit) }

  /// Reads a history file's text; blank lines are skipped, duplicates folded.
  public init(parsing text: String, limit: Int = defaultLimit) {
    self.init(limit: limit)
    for line in text.split(separator: "\n") { add(String(line)) }
  }

  /// Appends `line` (if it has more than blanks); an earlier identical entry is removed, and
  /// the oldest entries go once there are more than ``limit``.
  public mutating func add(_ line: String) {
    guard line.contains(where: { $0 != " " && $0 != "\t" }), !line.contains("\n") else { return }
    entries.removeAll { $0 == line }
    entries.append(line)
    if entries.count > limit { entries.removeFirst(entries.count - limit) }
  }

  /// The file's text.
  public var text: String { entries.map { $0 + "\n" }.joined() }
}
