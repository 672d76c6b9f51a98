import Testing

@testable import SockBench

/// `sockscript bench --script`'s scripts are the comparison table's own.
@Suite("Bench scripts by name")
struct BenchScriptsTests {
  @Test func everyScenarioOfTheTableHasItsScript() {
    let table = ComparisonScenario.all(.quick, fileLimit: 1024).map(\.name)
    #expect(BenchScripts.names == table)
    for name in table {
      #expect(BenchScripts.fullSize(of: name) != nil, "no size for \(name)")
      #expect(BenchScripts.modelScript(named: name, size: 10) != nil, "no script for \(name)")
    }
    #expect(BenchScripts.modelScript(named: "growth", size: 10) == nil)
  }

  @Test func theScriptsAreModelScriptsAtTheirFullSize() throws {
    let cycle = try #require(BenchScripts.modelScript(named: "cycle", size: 1000))
    #expect(cycle.script == ModelScripts.cycle(1000) && cycle.operations == 1000)
    #expect(BenchScripts.modelScript(named: "traced", size: 1000)?.script == cycle.script)
    #expect(BenchScripts.fullSize(of: "traced") == BenchSizes.full.traced.model)
    let eventLoop = try #require(BenchScripts.modelScript(named: "eventloop", size: 100))
    #expect(eventLoop.operations == ModelScripts.eventLoopOperations(100))
  }
}
