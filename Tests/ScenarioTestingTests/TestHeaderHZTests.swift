import ScenarioLang
import SockKernel
import Testing

@testable import ScenarioTesting

/// The test header's `# hz:` takes the range `KernelConfig` declares.
@Suite("Test header: HZ from the one declaration")
struct TestHeaderHZTests {
  @Test("a test header takes exactly the rates of the range")
  func headerRange() throws {
    for rate in [KernelConfig.hzRange.lowerBound, KernelConfig.hzRange.upperBound] {
      let header = try TestHeader.parse(SourceFile(name: "t", text: "# hz: \(rate)\n"))
      #expect(header.hz == rate)
    }
    for rate in [KernelConfig.hzRange.lowerBound - 1, KernelConfig.hzRange.upperBound + 1] {
      #expect(throws: Diagnostic.self) { try TestHeader.parse(SourceFile(name: "t", text: "# hz: \(rate)\n")) }
    }
  }
}
