import ScenarioLang
import Testing

@testable import ScenarioTesting

@Suite("Line diff and golden comparison")
struct LineDiffTests {
  /// Applies `steps` to `old`, checking that every kept element really is equal.
  func apply(_ steps: [DiffStep], _ old: [Character], _ new: [Character]) -> [Character] {
    var result: [Character] = []
    var oldIndex = 0
    for step in steps {
      switch step {
      case .keep(let i, let j):
        #expect(i == oldIndex && old[i] == new[j])
        result.append(old[i])
        oldIndex += 1
      case .delete(let i):
        #expect(i == oldIndex)
        oldIndex += 1
      case .insert(let j): result.append(new[j])
      }
    }
    #expect(oldIndex == old.count)
    return result
  }

  func edits(_ steps: [DiffStep]) -> Int {
    steps.filter { if case .keep = $0 { false } else { true } }.count
  }

  @Test(
    "shortest edit scripts",
    arguments: [
      ("ABCABBA", "CBABAC", 5), ("", "", 0), ("", "abc", 3), ("abc", "", 3), ("abc", "abc", 0),
      ("abcdef", "abXdef", 2), ("xaaaaaaaay", "aaaaaaaa", 2), ("kitten", "sitting", 5),
    ])
  func shortest(_ old: String, _ new: String, _ distance: Int) {
    let a = Array(old)
    let b = Array(new)
    let steps = LineDiff.steps(from: a, to: b)
    #expect(apply(steps, a, b) == b)
    #expect(edits(steps) == distance)
  }

  @Test("past maxEdits the middle is replaced wholesale, still a correct script")
  func capped() {
    let a = Array("p0123456789s")
    let b = Array("pabcdefghijs")
    let steps = LineDiff.steps(from: a, to: b, maxEdits: 4)
    #expect(apply(steps, a, b) == b)
    #expect(edits(steps) == 20)
  }

  @Test("a big file with one changed line stays cheap and exact")
  func big() {
    let a = (0..<20000).map { "line \($0)" }
    var b = a
    b[12345] = "changed"
    b.insert("new", at: 100)
    let steps = LineDiff.steps(from: a, to: b)
    #expect(edits(steps) == 3)
    #expect(steps.count == 20002)
  }

  @Test("identical bytes: no mismatch")
  func equal() {
    #expect(GoldenMismatch.compare(expected: Array("a\nb\n".utf8), actual: Array("a\nb\n".utf8)) == nil)
  }

  @Test("the first difference and a unified diff with context and hunk ranges")
  func unified() throws {
    var lines = (1...12).map { "l\($0)\n" }
    let old = lines.joined()
    lines[4] = "five\n"
    lines.append("l13\n")
    let new = lines.joined()
    let mismatch = try #require(GoldenMismatch.compare(expected: Array(old.utf8), actual: Array(new.utf8)))
    #expect(mismatch.firstDifferenceLine == 5)
    #expect(
      mismatch.unifiedDiff(oldName: "a.out", newName: "a.sock (actual output)") == """
        --- a.out
        +++ a.sock (actual output)
        @@ -2,7 +2,7 @@
         l2
         l3
         l4
        -l5
        +five
         l6
         l7
         l8
        @@ -10,3 +10,4 @@
         l10
         l11
         l12
        +l13

        """)
  }

  @Test("a missing final newline is a difference of the last line, marked as diff does")
  func finalNewline() throws {
    let mismatch = try #require(GoldenMismatch.compare(expected: Array("a\nb\n".utf8), actual: Array("a\nb".utf8)))
    #expect(mismatch.firstDifferenceLine == 2)
    #expect(
      mismatch.unifiedDiff(oldName: "x", newName: "y") == """
        --- x
        +++ y
        @@ -1,2 +1,2 @@
         a
        -b
        +b
        \\ No newline at end of file

        """)
  }

  @Test("output that only adds lines differs one past the golden file's end; empty ranges count as GNU diff")
  func appended() throws {
    let mismatch = try #require(GoldenMismatch.compare(expected: [], actual: Array("x\n".utf8)))
    #expect(mismatch.firstDifferenceLine == 1)
    #expect(mismatch.unifiedDiff(oldName: "o", newName: "n").contains("@@ -0,0 +1 @@\n+x\n"))
  }

  @Test("color marks removed lines red and added lines green")
  func colored() throws {
    let mismatch = try #require(GoldenMismatch.compare(expected: Array("a\n".utf8), actual: Array("b\n".utf8)))
    let text = mismatch.unifiedDiff(oldName: "o", newName: "n", color: true)
    #expect(text.contains("\u{1B}[31m-a\u{1B}[0m\n"))
    #expect(text.contains("\u{1B}[32m+b\u{1B}[0m\n"))
  }
}
