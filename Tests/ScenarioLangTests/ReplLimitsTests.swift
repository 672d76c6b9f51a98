import Testing

@testable import ScenarioLang

/// The REPL's limits: each line gets the statement budget a script gets, however long the
/// session has run; the notes name the REPL's own flags.
@Suite("Interactive session: limits")
struct ReplLimitsTests {
  typealias Harness = InteractiveSessionTests.Harness

  static func limits(statements: Int) -> Limits {
    var limits = Limits()
    limits.maxStatements = statements
    return limits
  }

  @Test("the statement budget applies per line, not per session")
  func budgetPerLine() {
    let h = Harness(limits: Self.limits(statements: 3))
    h.enter("sleep 1ms; sleep 1ms; sleep 1ms", "sleep 1ms; sleep 1ms; sleep 1ms", "sleep 1ms; sleep 1ms; sleep 1ms")
    #expect(h.err.isEmpty)
    #expect(h.engine.time == "0.009000")
    h.enter("sleep 1ms; sleep 1ms; sleep 1ms; sleep 1ms")
    #expect(
      h.err == [
        """
        <repl>:4:34: error: too many statements: this one would be number 4, over the limit of 3
        sleep 1ms; sleep 1ms; sleep 1ms; sleep 1ms
                                         ^
        <repl>:4:34: note: raise the limit with --max-statements

        """
      ])
    h.enter("sleep 1ms")
    #expect(h.err.count == 1)
    #expect(h.engine.time == "0.013000")
  }

  @Test("the wake-up budget applies per line too")
  func wakeupsPerLine() {
    var limits = Limits()
    limits.maxWakeups = 2
    let h = Harness(limits: limits)
    h.enter("socketpair a b", "a recv 1 &; b send \"x\"", "a recv 1 &; b send \"x\"", "a recv 1 &; b send \"x\"")
    #expect(h.err.isEmpty)
    h.enter("a sndbuf 1; b recv 1MiB waitall &; a send 1MiB")
    #expect(h.err.first?.hasPrefix("<repl>:5:") == true)
    #expect(
      h.err.first?.contains("error: too many wake-ups: this would be wake-up number 3, over the limit of 2") == true)
  }

  @Test("a :load'ed file gets a script's budget too")
  func budgetPerLoad() {
    let h = Harness(limits: Self.limits(statements: 2))
    h.files["two.sock"] = "sleep 1ms\nsleep 1ms\n"
    h.enter("sleep 1ms; sleep 1ms", ":load two.sock", ":load two.sock")
    #expect(h.err.isEmpty)
    #expect(h.engine.time == "0.006000")
  }

  @Test("a line longer than --max-script-bytes is refused, and the next one runs")
  func lineSize() {
    var limits = Limits()
    limits.maxScriptBytes = 16
    let h = Harness(limits: limits)
    h.enter("client a; client b; client c", "client d")
    #expect(h.err.count == 1)
    #expect(h.err.first?.hasPrefix("<repl>:1:17: error: the script is 28 bytes, more than the limit of 16\n") == true)
    #expect(h.err.first?.hasSuffix("<repl>:1:17: note: raise the limit with --max-script-bytes\n") == true)
    #expect(h.out == ["0.000000 d        socket(AF_UNIX, SOCK_STREAM, 0) = 3"])
  }
}
