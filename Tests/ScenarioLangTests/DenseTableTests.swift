import Testing

@testable import ScenarioLang

/// The session's names by task id and by inode: an array for numbers that count up, a
/// dictionary for the others; either way a number gives back what was stored for it.
@Suite("Dense table")
struct DenseTableTests {
  @Test("numbers counting up from the first one stored, which need not be 0")
  func countingUp() {
    var table = DenseTable<String>()
    for inode in 1000..<1100 { table[inode] = "s\(inode)" }
    #expect((1000..<1100).allSatisfy { table[$0] == "s\($0)" })
    #expect(table[999] == nil)
    #expect(table[1100] == nil)
    #expect(table[-1] == nil)
  }

  @Test("gaps, numbers below the first and far beyond the last, replacing and removing")
  func sparseAndChanged() {
    var table = DenseTable<String>()
    table[10] = "ten"
    table[3] = "three"
    table[20] = "twenty"
    table[10 + DenseTable<String>.maxGap * 3] = "far"
    #expect(table[10] == "ten")
    #expect(table[3] == "three")
    #expect(table[20] == "twenty")
    #expect((11..<20).allSatisfy { table[$0] == nil })
    #expect(table[10 + DenseTable<String>.maxGap * 3] == "far")
    table[10] = "TEN"
    table[3] = nil
    table[10 + DenseTable<String>.maxGap * 3] = nil
    #expect(table[10] == "TEN")
    #expect(table[3] == nil)
    #expect(table[10 + DenseTable<String>.maxGap * 3] == nil)
  }

  @Test("a number stored far away stays found once the array grows over it, and is replaced there")
  func arrayGrowsOverSparse() {
    var table = DenseTable<String>()
    table[0] = "zero"
    let far = DenseTable<String>.maxGap * 2
    table[far] = "far"
    // Counting up, the array reaches `far`'s slot.
    for n in 1..<far { table[n] = "n\(n)" }
    #expect(table[far] == "far")
    table[far + 1] = "next"
    #expect(table[far] == "far")
    table[far] = "FAR"
    #expect(table[far] == "FAR")
    table[far] = nil
    #expect(table[far] == nil)
    #expect(table[far + 1] == "next")
  }

  @Test("the entries come out in order of number, the far ones among the dense ones, emptied slots left out")
  func sortedEntries() {
    var table = DenseTable<String>(base: 0)
    table[3] = "three"
    table[DenseTable<String>.maxGap * 3] = "far"
    table[1] = "one"
    table[2] = "two"
    table[2] = nil
    #expect(table.sortedEntries.map(\.key) == [1, 3, DenseTable<String>.maxGap * 3])
    #expect(table.sortedEntries.map(\.value) == ["one", "three", "far"])
  }
}
