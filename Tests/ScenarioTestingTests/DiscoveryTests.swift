import Foundation
import ScenarioLang
import Testing

@testable import ScenarioTesting

/// Which scripts `sockscript test` finds under its paths, on a directory tree made for the test.
@Suite("Test discovery and selection")
struct DiscoveryTests {
  /// A fresh directory with `files` (relative paths) in it, removed afterwards.
  static func withTree(_ files: [String], _ body: (String) throws -> Void) throws {
    let root = FileManager.default.temporaryDirectory.appendingPathComponent("discovery-\(UUID().uuidString)")
    for file in files {
      let url = root.appendingPathComponent(file)
      try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
      try Data().write(to: url)
    }
    defer { try? FileManager.default.removeItem(at: root) }
    try body(root.path)
  }

  @Test func findsSockFilesRecursivelySortedSkippingHiddenDirectories() throws {
    try Self.withTree(["b.sock", "a/c.sock", "a/notes.txt", ".build/d.sock", "a/.hidden/e.sock"]) { root in
      let found = try TestDiscovery.scripts(in: [root])
      #expect(found == ["\(root)/a/c.sock", "\(root)/b.sock"])
    }
  }

  @Test func aFileNamedOnTheCommandLineIsTakenWhateverItsName() throws {
    try Self.withTree(["plain.txt"]) { root in
      let found = try TestDiscovery.scripts(in: ["\(root)/plain.txt", "\(root)/plain.txt"])
      #expect(found == ["\(root)/plain.txt"])
    }
  }

  @Test func aMissingPathIsAnErrorNamingIt() {
    #expect(throws: TestDiscovery.Missing.self) { try TestDiscovery.scripts(in: ["/nonexistent/dir"]) }
  }

  @Test func aFilterThatMatchesNothingIsAnError() throws {
    try Self.withTree(["a.sock"]) { root in
      #expect(throws: ScriptSelection.Failure.self) { try ScriptSelection.scripts(in: [root], filter: "zzz") }
      let chosen = try ScriptSelection.scripts(in: [root], filter: "a\\.sock$")
      #expect(chosen == ["\(root)/a.sock"])
    }
  }

  @Test func anInvalidRegexFiltersAsASubstring() {
    #expect(TestFilter("a[b").matches("x/a[b.sock"))
    #expect(!TestFilter("a[b").matches("x/ab.sock"))
    #expect(TestFilter("back.*log").matches("samples/backlog.sock"))
  }

  @Test func theGoldenFileSitsNextToTheScript() {
    #expect(GoldenFile(script: "samples/a.sock").path == "samples/a.out")
    #expect(GoldenFile(script: "samples/a.sock", extension: "err").path == "samples/a.err")
  }

  @Test func aMissingGoldenFileIsMissingNotAMismatch() {
    #expect(GoldenFile(script: "/nonexistent/a.sock").check([]) == .missing)
  }

  @Test func orderedPoolDeliversInSubmissionOrder() {
    var delivered: [Int] = []
    OrderedPool.run(count: 20, threads: 4, work: { $0 * $0 }) { index, square in
      #expect(square == index * index)
      delivered.append(index)
    }
    #expect(delivered == Array(0..<20))
  }
}
