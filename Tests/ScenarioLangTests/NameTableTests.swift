import Testing

@testable import ScenarioLang

/// The session's table of sockets by name keeps names in a short list, by number or in a
/// dictionary; what it returns must be what the table holds, whatever was looked up,
/// replaced or removed before.
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

  @Test("names that end in a number: each its own, whether kept by number or by text")
  func numberedNames() {
    var table = NameTable<Box>()
    let names = [
      "c0", "c1", "c01", "c10", "c255", "c256", "c1048575", "c1048576", "c99999999", "c", "s", "a1b2", "x0",
      "x00",
    ]
    for (i, name) in names.enumerated() { table[name] = Box(i) }
    for (i, name) in names.enumerated() { #expect(table[name]?.id == i, "\(name)") }
    #expect(table["c2"] == nil)
    #expect(table["c001"] == nil)
    #expect(table["c4096"] == nil)
    #expect(table.names.sorted() == names.sorted())
    table["c256"] = nil
    table["c01"] = nil
    #expect(table["c256"] == nil)
    #expect(table["c01"] == nil)
    #expect(table["c1"]?.id == 1)
    #expect(table.names.count == names.count - 2)
    // Every value once, wherever it is kept, the removed ones gone.
    let kept = Set(names.indices).subtracting([names.firstIndex(of: "c256")!, names.firstIndex(of: "c01")!])
    #expect(table.values.map(\.id).sorted() == kept.sorted())
  }

  @Test("more prefixes than it keeps by number: the rest are kept by text, and found")
  func manyPrefixes() {
    var table = NameTable<Box>()
    for p in 0..<20 {
      for i in 0..<3 { table["p\(Character(UnicodeScalar(UInt8(97 + p))))\(i)"] = Box(p * 10 + i) }
    }
    for p in 0..<20 {
      for i in 0..<3 { #expect(table["p\(Character(UnicodeScalar(UInt8(97 + p))))\(i)"]?.id == p * 10 + i) }
    }
    #expect(table.names.count == 60)
  }

  @Test("more names without a number than the short list holds: the rest in the dictionary, all found")
  func manyPlainNames() {
    var table = NameTable<Box>()
    let names = (0..<40).map { "n" + String(repeating: "x", count: $0) }
    for (i, name) in names.enumerated() { table[name] = Box(i) }
    table[names[3]] = nil
    table[names[30]] = nil
    for (i, name) in names.enumerated() { #expect(table[name]?.id == ([3, 30].contains(i) ? nil : i), "\(name)") }
    table[names[3]] = Box(103)
    table[names[30]] = Box(130)
    #expect(table[names[3]]?.id == 103)
    #expect(table[names[30]]?.id == 130)
    #expect(table.names.sorted() == names.sorted())
  }
}
