/// Compares the output a page shows, where a line `...` stands for any number of lines, with
/// the output a command printed, and renders the difference as a unified diff.
///
/// The two are aligned by the smallest number of lines to add or remove, so a diff shows only
/// what really differs, not everything after the first difference. A `...` absorbs actual
/// lines at a cost far below that of one added or removed line: among equally short diffs the
/// one that elides least wins, so a line the page shows is matched rather than elided.
struct ElidedDiff {
  static let elision = "..."

  enum Step: Equatable {
    /// A line both have (`expected` is its index in the expected lines).
    case same(expected: Int, actual: Int)
    /// Actual lines a `...` stands for.
    case elided(expected: Int, actual: Range<Int>)
    /// An expected line the output lacks.
    case removed(expected: Int)
    /// An output line the page does not show.
    case added(actual: Int)
  }

  let expected: [String]
  let actual: [String]
  let steps: [Step]

  var matches: Bool {
    steps.allSatisfy { if case .removed = $0 { false } else if case .added = $0 { false } else { true } }
  }

  init(expected: [String], actual: [String]) {
    self.expected = expected
    self.actual = actual
    steps = Self.align(expected, actual)
  }

  /// cost[i][j]: the cost of turning expected[i...] into actual[j...], `edit` per line added
  /// or removed, 1 per line elided.
  private static func align(_ expected: [String], _ actual: [String]) -> [Step] {
    let rows = expected.count
    let columns = actual.count
    let edit = columns + 1
    var cost = [[Int]](repeating: [Int](repeating: 0, count: columns + 1), count: rows + 1)
    for i in stride(from: rows, through: 0, by: -1) {
      for j in stride(from: columns, through: 0, by: -1) {
        if i == rows {
          cost[i][j] = (columns - j) * edit
        } else if expected[i] == elision {
          cost[i][j] = j == columns ? cost[i + 1][j] : min(cost[i + 1][j], 1 + cost[i][j + 1])
        } else {
          var best = edit + cost[i + 1][j]
          if j < columns {
            best = min(best, edit + cost[i][j + 1])
            if expected[i] == actual[j] { best = min(best, cost[i + 1][j + 1]) }
          }
          cost[i][j] = best
        }
      }
    }
    var steps: [Step] = []
    var i = 0
    var j = 0
    while i < rows || j < columns {
      if i == rows {
        steps.append(.added(actual: j))
        j += 1
      } else if expected[i] == elision {
        let start = j
        while j < columns && cost[i][j] != cost[i + 1][j] { j += 1 }
        steps.append(.elided(expected: i, actual: start..<j))
        i += 1
      } else if j < columns && expected[i] == actual[j] && cost[i][j] == cost[i + 1][j + 1] {
        steps.append(.same(expected: i, actual: j))
        i += 1
        j += 1
      } else if cost[i][j] == edit + cost[i + 1][j] {
        steps.append(.removed(expected: i))
        i += 1
      } else {
        steps.append(.added(actual: j))
        j += 1
      }
    }
    return steps
  }

  /// The differences with up to `context` unchanged lines around each, in hunks headed by the
  /// page's line of the first expected line (`expectedLine` is that of `expected[0]`).
  func rendered(expectedLine: Int, context: Int = 3) -> String {
    let changed = steps.indices.filter {
      switch steps[$0] {
      case .removed, .added: true
      default: false
      }
    }
    var shown = Set<Int>()
    for index in changed { shown.formUnion(max(0, index - context)...min(steps.count - 1, index + context)) }
    var lines: [String] = []
    var previous: Int?
    for index in shown.sorted() {
      if previous.map({ $0 + 1 != index }) ?? true {
        lines.append("@@ line \(expectedLine + expectedIndex(at: index)) @@")
      }
      previous = index
      switch steps[index] {
      case .same(let e, _): lines.append(" " + expected[e])
      case .elided(_, let range): lines.append(" \(Self.elision) (\(range.count) lines)")
      case .removed(let e): lines.append("-" + expected[e])
      case .added(let a): lines.append("+" + actual[a])
      }
    }
    return lines.joined(separator: "\n")
  }

  /// The index in `expected` of the step at `index` (for an added line: the next expected line).
  private func expectedIndex(at index: Int) -> Int {
    for step in steps[index...] {
      switch step {
      case .same(let e, _), .elided(let e, _), .removed(let e): return e
      case .added: continue
      }
    }
    return expected.count
  }
}
