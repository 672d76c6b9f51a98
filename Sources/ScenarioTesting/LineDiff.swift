/// One step of an edit script that turns an old sequence into a new one; indexes are 0-based.
public enum DiffStep: Sendable, Equatable {
  /// `old[old]` equals `new[new]` and stays.
  case keep(old: Int, new: Int)
  /// `old[old]` is removed.
  case delete(old: Int)
  /// `new[new]` is added.
  case insert(new: Int)
}

/// A shortest edit script by Myers' greedy algorithm ("An O(ND) Difference Algorithm and Its
/// Variations", 1986): O((N+M)·D) time, and O(D²) memory for the frontiers kept to trace the
/// path back, so a small change in a big golden file stays cheap.
public enum LineDiff {
  /// The edits turning `old` into `new`. Past `maxEdits` differences the middle part (after
  /// the common prefix and suffix) is reported as deleted then inserted, which bounds memory
  /// at the cost of a minimal script where nothing would be readable anyway.
  public static func steps<T: Equatable>(from old: [T], to new: [T], maxEdits: Int = 4000) -> [DiffStep] {
    var prefix = 0
    while prefix < old.count && prefix < new.count && old[prefix] == new[prefix] { prefix += 1 }
    var suffix = 0
    while suffix < old.count - prefix && suffix < new.count - prefix
      && old[old.count - 1 - suffix] == new[new.count - 1 - suffix]
    {
      suffix += 1
    }
    let a = old[prefix..<(old.count - suffix)]
    let b = new[prefix..<(new.count - suffix)]
    var steps = (0..<prefix).map { DiffStep.keep(old: $0, new: $0) }
    let middle =
      myers(Array(a), Array(b), maxEdits: maxEdits)
      ?? (0..<a.count).map { .delete(old: $0) } + (0..<b.count).map { .insert(new: $0) }
    for step in middle {
      switch step {
      case .keep(let i, let j): steps.append(.keep(old: i + prefix, new: j + prefix))
      case .delete(let i): steps.append(.delete(old: i + prefix))
      case .insert(let j): steps.append(.insert(new: j + prefix))
      }
    }
    steps += (0..<suffix).map { .keep(old: old.count - suffix + $0, new: new.count - suffix + $0) }
    return steps
  }

  /// The greedy forward search; nil when more than `maxEdits` edits are needed.
  private static func myers<T: Equatable>(_ a: [T], _ b: [T], maxEdits: Int) -> [DiffStep]? {
    let n = a.count
    let m = b.count
    let limit = min(n + m, maxEdits)
    // v[k + shift] is the furthest x reached on diagonal k = x - y; frontiers[d] keeps the
    // diagonals -d...d after round d.
    let shift = limit + 1
    var v = [Int](repeating: 0, count: 2 * limit + 3)
    var frontiers: [[Int]] = []
    var found = false
    search: for d in 0...limit {
      for k in stride(from: -d, through: d, by: 2) {
        var x = k == -d || (k != d && v[shift + k - 1] < v[shift + k + 1]) ? v[shift + k + 1] : v[shift + k - 1] + 1
        var y = x - k
        while x < n && y < m && a[x] == b[y] {
          x += 1
          y += 1
        }
        v[shift + k] = x
        if x >= n && y >= m {
          found = true
          frontiers.append(Array(v[(shift - d)...(shift + d)]))
          break search
        }
      }
      frontiers.append(Array(v[(shift - d)...(shift + d)]))
    }
    guard found else { return nil }
    var steps: [DiffStep] = []
    var x = n
    var y = m
    for d in stride(from: frontiers.count - 1, to: 0, by: -1) {
      let previous = frontiers[d - 1]
      func reached(_ k: Int) -> Int { previous[k + d - 1] }
      let k = x - y
      let down = k == -d || (k != d && reached(k - 1) < reached(k + 1))
      let previousK = down ? k + 1 : k - 1
      let previousX = reached(previousK)
      let previousY = previousX - previousK
      while x > previousX && y > previousY {
        x -= 1
        y -= 1
        steps.append(.keep(old: x, new: y))
      }
      if down { steps.append(.insert(new: previousY)) } else { steps.append(.delete(old: previousX)) }
      x = previousX
      y = previousY
    }
    while x > 0 && y > 0 {
      x -= 1
      y -= 1
      steps.append(.keep(old: x, new: y))
    }
    return steps.reversed()
  }
}
