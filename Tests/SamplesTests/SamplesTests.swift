import Foundation
import ScenarioLang
import Testing

/// Every script under samples/ runs, its inline expectations hold (or it exits with the
/// status its `# exit: N` header names), and its stdout equals NAME.out byte for byte.
/// `SOCKSCRIPT_UPDATE_GOLDEN=1` rewrites the golden files instead.
@Suite("samples/ golden files")
struct SamplesTests {
  static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
    .deletingLastPathComponent()

  static var samples: [String] {
    let base = root.appendingPathComponent("samples")
    let walker = FileManager.default.enumerator(atPath: base.path)
    var found: [String] = []
    while let path = walker?.nextObject() as? String {
      if path.hasSuffix(".sock") { found.append("samples/" + path) }
    }
    return found.sorted()
  }

  @Test("the corpus is there")
  func corpusExists() {
    #expect(Self.samples.count >= 20)
  }

  @Test("sample output matches its golden file", arguments: samples)
  func golden(_ relative: String) throws {
    let script = Self.root.appendingPathComponent(relative)
    let text = try String(contentsOf: script, encoding: .utf8)
    let source = SourceFile(name: relative, text: text)
    let result = ScriptRunner.capture(source)
    var expectedStatus: Int32 = 0
    if let header = text.split(separator: "\n").first, header.hasPrefix("# exit: ") {
      expectedStatus = Int32(header.dropFirst("# exit: ".count)) ?? -1
    }
    let rendered = result.diagnostics.map { $0.rendered(in: source) }.joined()
    #expect(result.status.rawValue == expectedStatus, "\(relative):\n\(rendered)")
    let golden = script.deletingPathExtension().appendingPathExtension("out")
    if ProcessInfo.processInfo.environment["SOCKSCRIPT_UPDATE_GOLDEN"] == "1" {
      try result.stdout.write(to: golden, atomically: true, encoding: .utf8)
      return
    }
    let expected = try String(contentsOf: golden, encoding: .utf8)
    #expect(result.stdout == expected, "\(relative): output differs from \(golden.lastPathComponent)")
  }
}
