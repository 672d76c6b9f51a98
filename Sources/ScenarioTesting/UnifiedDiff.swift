import ScenarioLang

extension GoldenMismatch {
  /// The difference as a unified diff (`diff -u` format, 3 lines of context), headed
  /// `--- oldName` / `+++ newName`; removed lines red and added lines green when `color`.
  public func unifiedDiff(oldName: String, newName: String, color: Bool = false, context: Int = 3) -> String {
    let style = TextStyle(color: color)
    let (red, green, cyan) = (style.start(.red), style.start(.green), style.start(.cyan))
    let (bold, reset) = (style.start(.bold), style.reset)
    var out = "\(bold)--- \(oldName)\(reset)\n\(bold)+++ \(newName)\(reset)\n"
    for hunk in hunks(context: context) {
      var oldBefore = 0
      var newBefore = 0
      // Lines before the hunk: where its ranges start (GNU diff's numbering for empty ranges).
      for step in steps[..<hunk.lowerBound] {
        switch step {
        case .keep:
          oldBefore += 1
          newBefore += 1
        case .delete: oldBefore += 1
        case .insert: newBefore += 1
        }
      }
      var oldCount = 0
      var newCount = 0
      var body = ""
      for step in steps[hunk] {
        switch step {
        case .keep(let i, _):
          oldCount += 1
          newCount += 1
          body += Self.line(" ", expected[i], "", "")
        case .delete(let i):
          oldCount += 1
          body += Self.line("-", expected[i], red, reset)
        case .insert(let j):
          newCount += 1
          body += Self.line("+", actual[j], green, reset)
        }
      }
      let range = { (before: Int, count: Int) in
        count == 1 ? "\(before + 1)" : "\(count == 0 ? before : before + 1),\(count)"
      }
      out += "\(cyan)@@ -\(range(oldBefore, oldCount)) +\(range(newBefore, newCount)) @@\(reset)\n" + body
    }
    return out
  }

  /// Ranges of `steps` holding each change with `context` kept lines around it; changes
  /// closer than twice the context share a hunk.
  func hunks(context: Int) -> [Range<Int>] {
    var result: [Range<Int>] = []
    for (index, step) in steps.enumerated() {
      if case .keep = step { continue }
      let lower = max(0, index - context)
      let upper = min(steps.count, index + context + 1)
      if let last = result.last, last.upperBound >= lower {
        result[result.count - 1] = last.lowerBound..<upper
      } else {
        result.append(lower..<upper)
      }
    }
    return result
  }

  /// One diff line; a line without a final newline gets diff's marker after it.
  private static func line(_ mark: String, _ bytes: ArraySlice<UInt8>, _ on: String, _ off: String) -> String {
    let terminated = bytes.last == UInt8(ascii: "\n")
    let text = String(decoding: terminated ? bytes.dropLast() : bytes, as: UTF8.self)
    return on + mark + text + off + "\n" + (terminated ? "" : "\\ No newline at end of file\n")
  }
}
