import Foundation
import Testing

/// Every `$ sockscript …` example in README.md and docs/*.md prints exactly what the page
/// shows, so that a changed message or trace fails `make test` instead of leaving the docs
/// behind. The conventions are in docs/testing.md §9.
@Suite("Docs: every example's output")
struct DocExampleTests {
  /// README.md and every page of docs/, relative to the repository root.
  static let pages: [String] = {
    let docs =
      (try? FileManager.default.contentsOfDirectory(atPath: Sockscript.root.appendingPathComponent("docs").path))
      ?? []
    return ["README.md"] + docs.filter { $0.hasSuffix(".md") }.sorted().map { "docs/" + $0 }
  }()

  static func markdown(_ page: String) throws -> String {
    try String(contentsOf: Sockscript.root.appendingPathComponent(page), encoding: .utf8)
  }

  /// Runs a page's examples and returns a report per failing command (and per bad marker).
  static func failures(of page: String, markdown: String) throws -> [(line: Int, report: String)] {
    let parsed = DocExample.examples(inMarkdown: markdown)
    var failures = parsed.problems.map { (line: $0.line, report: "\(page):\($0.line): \($0.message)") }
    let runner = try DocExampleRunner(page: page)
    for example in parsed.examples where example.notComparedReason == nil {
      failures += try runner.run(example).map { (line: $0.line, report: $0.report) }
    }
    return failures
  }

  @Test("the docs have examples to check")
  func pagesHaveExamples() throws {
    #expect(Self.pages.contains("docs/language.md") && Self.pages.contains("docs/kernel-model.md"))
    let compared = try Self.pages.flatMap { try DocExample.examples(inMarkdown: Self.markdown($0)).examples }
      .filter { $0.notComparedReason == nil }
    #expect(compared.count >= 50, "only \(compared.count) compared examples")
  }

  @Test("each example prints what its page shows, and exits as marked", arguments: pages)
  func examplesMatch(page: String) throws {
    for failure in try Self.failures(of: page, markdown: Self.markdown(page)) {
      let path = Sockscript.root.appendingPathComponent(page).path
      Issue.record(
        "\(failure.report)",
        sourceLocation: SourceLocation(fileID: "sockscript/\(page)", filePath: path, line: failure.line, column: 1))
    }
  }
}
