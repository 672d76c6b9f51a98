import Testing

@testable import ScenarioLang

@Suite("verify: divergences from one place are one group")
struct DivergenceGroupTests {
  static func divergence(at offset: Int?, _ aspect: String, _ call: String = "c connect") -> Divergence {
    Divergence(
      location: offset.map { SourceLocation(line: 1, column: $0 + 1, offset: $0) }, call: call, aspect: aspect,
      model: "m", kernel: "k")
  }

  @Test("a loop's divergences at one place and of one aspect are counted, in the order they first appear")
  func groups() {
    let divergences = [
      Self.divergence(at: 10, "time", "c0 connect"), Self.divergence(at: 10, "result", "c0 connect"),
      Self.divergence(at: 10, "time", "c1 connect"), Self.divergence(at: 3, "time"),
      Self.divergence(at: 10, "time", "c2 connect"), Self.divergence(at: nil, "exit status"),
    ]
    let groups = DivergenceGroup.grouping(divergences)
    #expect(groups.map(\.count) == [3, 1, 1, 1])
    #expect(groups.map(\.first.call) == ["c0 connect", "c0 connect", "c connect", "c connect"])
    #expect(groups.map(\.first.aspect) == ["time", "result", "time", "exit status"])
  }
}
