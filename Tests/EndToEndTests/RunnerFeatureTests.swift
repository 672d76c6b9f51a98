import Foundation
import Testing

#if canImport(FoundationXML)
  import FoundationXML
#endif

/// `sockscript test`'s options and reports: --update, --jobs, --junit, --tap, --filter, paths.
@Suite("sockscript test: options and reports")
struct RunnerFeatureTests {
  static let fixtures = RunnerOutcomeTests.fixtures
  let files = FileManager.default

  /// Copies fixture scripts (and their .out files) into a fresh temporary directory.
  func sandbox(_ relatives: [String]) throws -> URL {
    let directory = try Sockscript.temporaryDirectory()
    for relative in relatives {
      let source = Sockscript.root.appendingPathComponent("\(Self.fixtures)/\(relative)")
      try files.copyItem(at: source, to: directory.appendingPathComponent(source.lastPathComponent))
    }
    return directory
  }

  func text(_ url: URL) throws -> String { try String(contentsOf: url, encoding: .utf8) }

  @Test("--update rewrites a differing golden file, records a missing one, and lists them; then all pass")
  func updateRoundTrip() throws {
    let dir = try sandbox([
      "mismatch/differs.sock", "mismatch/differs.out", "pass/no-golden.sock", "expectation/inline.sock",
      "xfail/xfail-fails.sock",
    ])
    defer { try? files.removeItem(at: dir) }
    let before = try text(dir.appendingPathComponent("differs.out"))
    // No PATH: the current directory, and names relative to it.
    let updated = try Sockscript.run(["test", "--update"], in: dir)
    #expect(updated.status == 1)  // inline.sock still fails: expectations are never rewritten
    #expect(
      updated.stdout.hasPrefix(
        """
        PASS  differs.sock (updated differs.out)
        FAIL  inline.sock: exit status 1 (an inline expectation failed), expected 0

        """))
    #expect(
      updated.stdout.hasSuffix(
        """
        PASS  no-golden.sock (created no-golden.out)
        XFAIL xfail-fails.sock (listen 0 admits one connection, not zero)

        changed golden files:
          updated differs.out
          created no-golden.out
        3 passed, 1 failed

        """))
    let expected = try Sockscript.run(["run", "differs.sock"], in: dir).stdout
    #expect(try text(dir.appendingPathComponent("differs.out")) == expected)
    #expect(try text(dir.appendingPathComponent("differs.out")) != before)
    #expect(try text(dir.appendingPathComponent("no-golden.out")).hasSuffix("listen(server, 1) = 0\n"))
    #expect(!files.fileExists(atPath: dir.appendingPathComponent("inline.out").path))
    #expect(!files.fileExists(atPath: dir.appendingPathComponent("xfail-fails.out").path))
    #expect(try text(dir.appendingPathComponent("inline.sock")).contains("= -1 EAGAIN"))

    try files.removeItem(at: dir.appendingPathComponent("inline.sock"))
    let again = try Sockscript.run(["test"], in: dir)
    #expect(again.status == 0)
    #expect(!again.stdout.contains("changed golden files"))
    #expect(again.lastLine == "3 passed, 0 failed")
  }

  @Test("--jobs 4: the report is in path order whatever finishes first")
  func parallelOrdering() throws {
    let dir = try Sockscript.temporaryDirectory()
    defer { try? files.removeItem(at: dir) }
    let names = (0..<16).map { String(format: "t%02d.sock", $0) }
    for (index, name) in names.enumerated() {
      // t00 hangs until its limit: it finishes last yet must be reported first.
      let header = index == 0 ? "# timeout: 1s\n" : ""
      try (header + "server listen \(index) = 0\n").write(
        to: dir.appendingPathComponent(name), atomically: true, encoding: .utf8)
    }
    let r = try Sockscript.run(["test", "--jobs", "4", "."], environment: ["SOCKSCRIPT_TEST_HANG": "t00"], in: dir)
    let lines = r.stdout.split(separator: "\n").map(String.init)
    #expect(lines.first == "FAIL  t00.sock: timed out after 1s")
    #expect(Array(lines.dropFirst().dropLast()) == names.dropFirst().map { "PASS  \($0)" })
    #expect(r.lastLine == "15 passed, 1 failed")
    #expect(r.status == 1)
  }

  @Test("--junit writes well-formed, escaped JUnit XML with the counts")
  func junit() throws {
    let dir = try sandbox(["mismatch/differs.sock", "mismatch/differs.out", "skip/skipped.sock", "pass/ok.sock"])
    defer { try? files.removeItem(at: dir) }
    // A name that needs escaping in XML.
    try files.moveItem(at: dir.appendingPathComponent("ok.sock"), to: dir.appendingPathComponent("a&<'\">.sock"))
    let report = dir.appendingPathComponent("report.xml")
    let r = try Sockscript.run(["test", "--junit", report.path, "."], in: dir)
    #expect(r.status == 1)
    #expect(r.lastLine == "1 passed, 1 failed, 1 skipped")
    let xml = try text(report)
    #expect(xml.contains(#"tests="3" failures="1" errors="0" skipped="1""#))
    #expect(xml.contains(#"<testcase name="a&amp;&lt;&apos;&quot;&gt;.sock" classname="""#))
    #expect(xml.contains(#"<skipped message="needs the data path (send/recv), not modelled yet"/>"#))
    #expect(xml.contains(#"<failure message="output differs from differs.out" type="failure">differs.out:7: first"#))
    #expect(xml.contains("+1.000000 c1       &lt;... connect timed out on server.peer_wait&gt;\n"))
    let parser = XMLParser(data: Data(xml.utf8))
    #expect(parser.parse(), "not well-formed: \(String(describing: parser.parserError))")
  }

  @Test("--tap prints TAP version 13: plan, ok/not ok, SKIP, TODO for xfail, YAML details")
  func tap() throws {
    let dir = try sandbox([
      "pass/ok.sock", "pass/ok.out", "skip/skipped.sock", "xfail/xfail-fails.sock", "xfail/xfail-passes.sock",
    ])
    defer { try? files.removeItem(at: dir) }
    let r = try Sockscript.run(["test", "--tap"], in: dir)
    #expect(r.status == 1)
    #expect(
      r.stdout == """
        TAP version 13
        1..4
        ok 1 - ok.sock
        ok 2 - skipped.sock # SKIP needs the data path (send/recv), not modelled yet
        not ok 3 - xfail-fails.sock # TODO listen 0 admits one connection, not zero
        not ok 4 - xfail-passes.sock
          ---
          message: "passed, but it is marked xfail (a stale marker: this holds now)"
          ...
        # 2 passed, 1 failed, 1 skipped

        """)
  }

  @Test("--filter: a regex on the path, or a substring when it is not a valid regex")
  func filter() throws {
    let regex = try Sockscript.run(["test", "--filter", "pass/(ok|hz-[0-9]+)\\.sock$", Self.fixtures])
    #expect(regex.status == 0)
    #expect(
      regex.stdout == """
        PASS  \(Self.fixtures)/pass/hz-100.sock
        PASS  \(Self.fixtures)/pass/ok.sock
        2 passed, 0 failed

        """)
    let substring = try Sockscript.run(["test", "--filter", "skipped", Self.fixtures])
    #expect(substring.lastLine == "0 passed, 0 failed, 1 skipped")
    // Not a valid regex, so a substring, which no path contains: an error, not "0 passed".
    let invalid = try Sockscript.run(["test", "--filter", "pass/ok[", Self.fixtures])
    #expect(invalid.stdout.isEmpty)
    #expect(invalid.stderr.hasPrefix("sockscript: error: --filter 'pass/ok[' matches none of the "))
    #expect(invalid.status == 1)
  }

  @Test("a PATH that does not exist: an error and exit 74; bad options: exit 64")
  func badPaths() throws {
    let missing = try Sockscript.run(["test", "no/such/dir"])
    #expect(missing.status == 74)
    #expect(missing.stderr == "sockscript: error: cannot read 'no/such/dir': No such file or directory\n")
    #expect(missing.stdout.isEmpty)
    #expect(try Sockscript.run(["test", "--jobs", "0", "samples"]).status == 64)
    #expect(try Sockscript.run(["test", "--timeout", "soon", "samples"]).status == 64)
  }

  @Test("a script given as a file runs even without the .sock suffix; hidden directories are not searched")
  func explicitFiles() throws {
    let dir = try Sockscript.temporaryDirectory()
    defer { try? files.removeItem(at: dir) }
    try "server listen 0 = 0\n".write(to: dir.appendingPathComponent("plain.txt"), atomically: true, encoding: .utf8)
    try files.createDirectory(at: dir.appendingPathComponent(".hidden"), withIntermediateDirectories: true)
    try "server listen 0 = 1\n".write(
      to: dir.appendingPathComponent(".hidden/bad.sock"), atomically: true, encoding: .utf8)
    let r = try Sockscript.run(["test", "plain.txt", "."], in: dir)
    #expect(r.stdout == "PASS  plain.txt\n1 passed, 0 failed\n")
  }

  @Test("--help shows the directives and examples")
  func help() throws {
    let r = try Sockscript.run(["test", "--help"])
    #expect(r.status == 0)
    #expect(r.stdout.contains("# xfail: REASON"))
    #expect(r.stdout.contains("sockscript test --update samples/"))
  }
}
