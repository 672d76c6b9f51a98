import Foundation
import Testing

/// The docs check itself: that it reads the conventions of docs/testing.md §9 as written and
/// reports a drifted example with its page, line and a diff — a check that could never fail
/// would let every example drift.
@Suite("Docs: the example checker")
struct DocExampleCheckerTests {
  static let fence = "```"

  func failures(_ markdown: String) throws -> [String] {
    try DocExampleTests.failures(of: "page.md", markdown: markdown).map(\.report)
  }

  @Test("a drifted output line is reported at its page and line, with a diff")
  func driftIsReported() throws {
    let page = """
      Intro.

      \(Self.fence)
      $ sockscript run -e 'client c'
      0.000000 c        socket(AF_UNIX, SOCK_STREAM, 0) = 4
      \(Self.fence)
      """
    let reports = try failures(page)
    #expect(reports.count == 1)
    #expect(reports.first?.hasPrefix("page.md:4: $ sockscript run -e 'client c'\n") == true)
    #expect(reports.first?.contains("@@ line 5 @@") == true)
    #expect(reports.first?.contains("\n    -0.000000 c        socket(AF_UNIX, SOCK_STREAM, 0) = 4") == true)
    #expect(reports.first?.contains("\n    +0.000000 c        socket(AF_UNIX, SOCK_STREAM, 0) = 3") == true)
  }

  @Test("the exit status is compared: 0 unless the block is marked")
  func exitStatus() throws {
    let script = "$ sockscript run -e 'client c; c connect \"nowhere\" = 0'"
    let output = """
      0.000000 c        socket(AF_UNIX, SOCK_STREAM, 0) = 3
      0.000000 c        connect(c, "nowhere") = -1 ENOENT (No such file or directory)
      -e:1:31: error: expected connect to return 0, but it returned -1 ENOENT
      client c; c connect "nowhere" = 0
                                    ^
      """
    let unmarked = try failures("\(Self.fence)\n\(script)\n\(output)\n\(Self.fence)\n")
    #expect(unmarked.count == 1)
    #expect(unmarked.first?.contains("exit status 1, expected 0") == true)
    #expect(unmarked.first?.contains("output differs") == false)
    #expect(try failures("<!-- example: exit 1 -->\n\(Self.fence)\n\(script)\n\(output)\n\(Self.fence)\n").isEmpty)
    #expect(try failures("<!-- example: exit 2 -->\n\(Self.fence)\n\(script)\n\(output)\n\(Self.fence)\n").count == 1)
  }

  @Test("... stands for any lines; a quoted script spans lines; not-compared blocks do not run")
  func conventions() throws {
    let page = """
      \(Self.fence)
      $ sockscript run -e 'client a
      client b'
      ...
      0.000000 b        socket(AF_UNIX, SOCK_STREAM, 0) = 4
      \(Self.fence)

      <!-- example: not-compared (a session at a terminal) -->
      \(Self.fence)
      $ sockscript repl
      whatever the terminal shows
      \(Self.fence)
      """
    #expect(try failures(page).isEmpty)
    let parsed = DocExample.examples(inMarkdown: page)
    #expect(parsed.examples.map(\.notComparedReason) == [nil, "a session at a terminal"])
    #expect(parsed.examples.first?.commands.first?.text == "sockscript run -e 'client a\nclient b'")
    #expect(parsed.examples.first?.commands.first?.outputLine == 4)
  }

  @Test("`cat FILE` of a new file writes it for the page's later examples; `echo $?` sees the status")
  func filesAndStatus() throws {
    let page = """
      <!-- example: exit 1 -->
      \(Self.fence)
      $ cat t/one.sock
      client c
      c get sndbuf = [1]
      $ sockscript test t/
      FAIL  t/one.sock: exit status 1 (an inline expectation failed), expected 0
      ...
      0 passed, 1 failed
      $ echo $?
      1
      \(Self.fence)

      \(Self.fence)
      $ cat t/one.sock
      client c
      c get sndbuf = [1]
      $ sed -i 's/\\[1\\]/[212992]/' t/one.sock && sockscript test t/
      PASS  t/one.sock
      1 passed, 0 failed
      \(Self.fence)
      """
    #expect(try failures(page).isEmpty)
  }

  @Test("a marker that is unknown or marks no example is an error, not ignored")
  func badMarkers() throws {
    let page = """
      <!-- example: not compared -->
      \(Self.fence)
      $ sockscript run -e 'client c'
      0.000000 c        socket(AF_UNIX, SOCK_STREAM, 0) = 3
      \(Self.fence)

      <!-- example: exit 1 -->

      \(Self.fence)
      $ sockscript run -e 'client c'
      0.000000 c        socket(AF_UNIX, SOCK_STREAM, 0) = 3
      \(Self.fence)
      """
    let problems = DocExample.examples(inMarkdown: page).problems
    #expect(problems.map(\.line) == [1, 7])
    #expect(try failures(page).count == 2)
  }

  @Test("the diff aligns around an insertion instead of reporting every later line")
  func diffAlignment() {
    let diff = ElidedDiff(expected: ["a", "b", "...", "z"], actual: ["a", "new", "b", "x", "y", "z"])
    #expect(!diff.matches)
    #expect(diff.rendered(expectedLine: 10) == "@@ line 10 @@\n a\n+new\n b\n ... (2 lines)\n z")
    #expect(ElidedDiff(expected: ["...", "z"], actual: ["z", "y", "z"]).matches)
    #expect(!ElidedDiff(expected: ["a"], actual: ["a", "b"]).matches)
    #expect(ElidedDiff(expected: ["..."], actual: []).matches)
  }

  @Test("shell quoting: a quote left open continues the command")
  func quoting() {
    #expect(ShellQuoting.leavesQuoteOpen("run -e 'a"))
    #expect(!ShellQuoting.leavesQuoteOpen("run -e 'a \"b' c"))
    #expect(ShellQuoting.leavesQuoteOpen("run -e \"a 'b"))
    #expect(!ShellQuoting.leavesQuoteOpen("printf 'a\\n' | x"))
    #expect(!ShellQuoting.leavesQuoteOpen("echo \"a\\\"b\""))
  }
}
