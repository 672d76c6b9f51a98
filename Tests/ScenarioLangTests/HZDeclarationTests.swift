import Foundation
import SockKernel
import Testing

@testable import ScenarioLang

/// The tick rate's default and range are declared once, in `KernelConfig`; the code uses the
/// declaration, and these tests hold the docs to it (ScenarioTestingTests the test header).
@Suite("HZ: one default, one range")
struct HZDeclarationTests {
  static let range = "\(KernelConfig.hzRange.lowerBound)…\(KernelConfig.hzRange.upperBound)"

  @Test("the docs state the default and the range that KernelConfig declares")
  func docsAgree() throws {
    let readme = try WordTableTests.read("README.md")
    #expect(readme.contains("CONFIG_HZ (default \(KernelConfig.defaultHZ); \(Self.range))"))
    let language = try WordTableTests.read("docs/language.md")
    #expect(language.contains("**HZ=\(KernelConfig.defaultHZ)** by default"))
    #expect(language.contains("changes it (\(Self.range))"))
    let testing = try WordTableTests.read("docs/testing.md")
    #expect(testing.contains("run with `--hz N` (\(Self.range))"))
  }

  @Test("a model made with no HZ runs at the default")
  func defaultConfig() {
    #expect(KernelConfig().hz == KernelConfig.defaultHZ)
    #expect(KernelConfig.hzRange.contains(KernelConfig.defaultHZ))
  }
}
