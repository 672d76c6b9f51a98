import ScenarioLang
import Testing

@testable import ScenarioTesting

@Suite("Test header directives")
struct TestHeaderTests {
  func parse(_ text: String) throws(Diagnostic) -> TestHeader {
    try TestHeader.parse(SourceFile(name: "t.sock", text: text))
  }

  @Test("every directive is read from the comment lines at the top")
  func allDirectives() throws {
    let header = try parse(
      "# exit: 2\n#xfail:  kernel 3.x differs  \n\n# timeout: 1.5s\n# hz: 100\n# explain: on\nserver listen 0\n")
    var expected = TestHeader()
    expected.expectedExit = 2
    expected.xfail = "kernel 3.x differs"
    expected.timeout = .milliseconds(1500)
    expected.hz = 100
    expected.explain = true
    #expect(header == expected)
  }

  @Test("no header: exit 0, nothing skipped, no limit of its own")
  func defaults() throws {
    #expect(try parse("server listen 0\n") == TestHeader())
    #expect(try parse("") == TestHeader())
  }

  @Test("ordinary comments with a colon are not directives")
  func comments() throws {
    let header = try parse("# unix_stream_connect: unix_recvq_full\n# Note: see below\nserver s\n")
    #expect(header == TestHeader())
  }

  @Test("directives after the first statement are plain comments")
  func afterHeader() throws {
    #expect(try parse("server listen 0\n# skip: too late\n").skip == nil)
  }

  @Test("skip keeps its reason")
  func skip() throws {
    #expect(try parse("# skip: needs send/recv\n").skip == "needs send/recv")
  }

  @Test(
    "malformed values and near misses are located errors",
    arguments: [
      ("# timeout: soon\n", "'timeout' takes a real-time duration such as 500ms, 10s or 2m, found 'soon'", 1, 12, 4),
      ("# timeout: 0s\n", "'timeout' takes a real-time duration such as 500ms, 10s or 2m, found '0s'", 1, 12, 2),
      ("\n# exit: two\n", "'exit' takes an exit status from 0 to 255, found 'two'", 2, 9, 3),
      ("# exit: 256\n", "'exit' takes an exit status from 0 to 255, found '256'", 1, 9, 3),
      ("# hz: 0\n", "'hz' takes a tick rate from 1 to 100000, found '0'", 1, 7, 1),
      ("# explain: yes\n", "'explain' takes 'on' or 'off', found 'yes'", 1, 12, 3),
      ("# exit:\n", "'exit' needs a value", 1, 8, 1),
      ("# skip:   \n", "'skip' needs a reason", 1, 11, 1),
      ("# timout: 5s\n", "unknown directive 'timout'", 1, 3, 6),
      ("# Skip: flaky\n", "unknown directive 'Skip'", 1, 3, 4),
      ("# hz: 100\n# hz: 250\n", "duplicate 'hz' directive", 2, 3, 2),
      ("# skip: a\n# xfail: b\n", "a test cannot be both skipped and expected to fail", 2, 10, 1),
    ])
  func errors(_ text: String, _ message: String, _ line: Int, _ column: Int, _ length: Int) {
    #expect {
      try parse(text)
    } throws: { error in
      let d = error as! Diagnostic
      return d.message == message && d.location?.line == line && d.location?.column == column && d.length == length
    }
  }

  @Test("the diagnostic renders with file:line:col and a caret under the value")
  func rendered() {
    do {
      _ = try TestHeader.parse(SourceFile(name: "t.sock", text: "# timeout: soon\n"))
      Issue.record("expected an error")
    } catch {
      let text = error.rendered(in: SourceFile(name: "t.sock", text: "# timeout: soon\n"))
      #expect(
        text == """
          t.sock:1:12: error: 'timeout' takes a real-time duration such as 500ms, 10s or 2m, found 'soon'
          # timeout: soon
                     ^~~~
          t.sock:1:12: note: the limit is wall-clock time, not the script's virtual time

          """)
    }
  }

  @Test("offsets count UTF-8 bytes before the value")
  func offsets() {
    #expect {
      try parse("# é\n# hz: x\n")
    } throws: { error in
      (error as! Diagnostic).location?.offset == "# é\n# hz: ".utf8.count
    }
  }

  @Test("near misses: other case, or one edit from a name of 4+ letters")
  func nearMisses() {
    #expect(TestHeader.nearMiss("Timeout") == "timeout")
    #expect(TestHeader.nearMiss("xfial") == nil)  // a transposition is two edits
    #expect(TestHeader.nearMiss("xfai") == "xfail")
    #expect(TestHeader.nearMiss("Timout") == "timeout")
    #expect(TestHeader.nearMiss("timeout") == nil)
    #expect(TestHeader.nearMiss("hx") == nil)
    #expect(TestHeader.nearMiss("unix_bind") == nil)
    #expect(editDistance(Array("kitten"), Array("sitting")) == 3)
    #expect(editDistance(Array(""), Array("abc")) == 3)
    // A limit makes the answer exact up to it, and limit + 1 beyond.
    #expect(editDistance(Array("kitten"), Array("sitting"), limit: 3) == 3)
    #expect(editDistance(Array("kitten"), Array("sitting"), limit: 1) == 2)
    #expect(editDistance(Array("abc"), Array(""), limit: 5) == 3)
  }
}
