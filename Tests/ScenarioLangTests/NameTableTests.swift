import Testing

@testable import ScenarioLang

/// The session's table of sockets by name remembers recent look-ups; what it returns must be
/// what the table holds, whatever was looked up, replaced or removed before.
@Suite("Name table")
struct NameTableTests {
  final class Box {
    let id: Int
    init(_ id: Int) { self.id = id }
  }

  @Test("a replaced name returns its new object, also right after it was looked up")
  func replaced() {
    var table = NameTable<Box>()
    table["s"] = Box(1)
    #expect(table["s"]?.id == 1)
    table["s"] = Box(2)
    #expect(table["s"]?.id == 2)
  }

  @Test("a removed name is gone, also right after it was looked up")
  func removed() {
    var table = NameTable<Box>()
    table["a"] = Box(1)
    table["b"] = Box(2)
    #expect(table["a"]?.id == 1)
    #expect(table["b"]?.id == 2)
    table["a"] = nil
    #expect(table["a"] == nil)
    #expect(table["b"]?.id == 2)
    #expect(table.names.sorted() == ["b"])
  }

  @Test("more names than it remembers: every look-up still finds its own object")
  func manyNames() {
    var table = NameTable<Box>()
    for i in 0..<20 { table["s\(i)"] = Box(i) }
    for round in 0..<3 {
      for i in (0..<20).reversed() { #expect(table["s\(i)"]?.id == i, "round \(round)") }
    }
    #expect(table["s20"] == nil)
  }
}
