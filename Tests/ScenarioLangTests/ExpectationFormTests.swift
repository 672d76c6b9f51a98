import SockKernel
import SyscallVocabulary
import Testing

@testable import ScenarioLang

/// One script whose last expectation uses a form beyond `= RESULT`, and what it yields: no
/// diagnostic when it holds, else the one message at `column`.
struct FormCase: CustomTestStringConvertible, Sendable {
  let script: String
  /// The failure's message; nil when the expectation holds.
  var message: String? = nil
  var column: Int = 0

  var testDescription: String { script }
}

@Suite("expectations: 'ok', relations, 'or' and a declaration's socket()")
struct ExpectationFormTests {
  static let nonblockingFull = "server listen 0; client c1 connect; client c2 nonblock connect"

  static let cases: [FormCase] = [
    // `ok`: any success, whatever the value; never a failure.
    FormCase(script: "socketpair a b; a send \"abc\" = ok"),
    FormCase(script: "socketpair a b; a send \"abc\"; b recv 3 = ok"),
    FormCase(
      script: nonblockingFull + " = ok", message: "expected connect to return any success, but it returned -1 EAGAIN",
      column: 64),
    // Relations hold the return value of a success to a bound; a failure satisfies none.
    FormCase(script: "socketpair a b; a send 1MiB dontwait >= 1"),
    FormCase(script: "socketpair a b; a send \"abc\" >= 3"),
    FormCase(script: "socketpair a b; a send \"abc\" > 2"),
    FormCase(script: "socketpair a b; a send \"abc\" <= 3"),
    FormCase(script: "socketpair a b; a send \"abc\" < 4"),
    FormCase(script: "socketpair a b; a send 2KiB >= 2KiB"),
    FormCase(
      script: "socketpair a b; a send \"abc\" > 3", message: "expected send to return > 3, but it returned 3",
      column: 30),
    FormCase(
      script: "socketpair a b; a send \"abc\" < 3", message: "expected send to return < 3, but it returned 3",
      column: 30),
    FormCase(
      script: "socketpair a b; a send 1KiB >= 1KiB; a send 1 <= 0",
      message: "expected send to return <= 0, but it returned 1", column: 47),
    FormCase(
      script: "socketpair a b; b recv 1 dontwait >= -1",
      message: "expected recv to return >= -1, but it returned -1 EAGAIN", column: 35),
    // `or`: any one of the results.
    FormCase(script: nonblockingFull + " = 0 or EAGAIN"),
    FormCase(script: nonblockingFull + " = EAGAIN or ECONNREFUSED"),
    FormCase(script: "socketpair a b; a send \"abcde\" = 5 or 6"),
    FormCase(script: "socketpair a b; b recv 1 dontwait >= 1 or EAGAIN"),
    FormCase(script: "socketpair a b; a send \"x\"; b recv 1 dontwait = EAGAIN or \"x\""),
    FormCase(
      script: nonblockingFull + " = 0 or ECONNREFUSED",
      message: "expected connect to return 0 or -1 ECONNREFUSED, but it returned -1 EAGAIN", column: 64),
    FormCase(
      script: "socketpair a b; a send \"abc\" = 1 or >= 4",
      message: "expected send to return 1 or >= 4, but it returned 3", column: 30),
    // `at` applies to every alternative.
    FormCase(script: "server listen 0; client c1 connect; client c2 sndtimeo 8ms connect = 0 or EAGAIN at 8ms"),
    FormCase(
      script: "server listen 0; client c1 connect; client c2 sndtimeo 8ms connect = 0 or EAGAIN at 4ms",
      message: "expected connect to return 0 or -1 EAGAIN at 0.004000, but it returned -1 EAGAIN at 0.008000",
      column: 68),
    // A declaration's expectation checks its socket(), not a server's bind.
    FormCase(script: "server = 3 listen 0; client c1 = 4 connect; socket s dgram >= 5"),
    FormCase(script: "touch \"server.sock\"; server = 3; server get error = [0]"),
    FormCase(
      script: "client c1 = 4", message: "expected socket to return 4, but it returned 3", column: 11),
    FormCase(
      script: "client c1 dgram = EMFILE", message: "expected socket to return -1 EMFILE, but it returned 3",
      column: 17),
    FormCase(script: "socketpair a b = 0 or EMFILE"),
  ]

  @Test("each form holds, or fails with its message at the expectation", arguments: cases)
  func form(_ c: FormCase) {
    let r = ScriptRunner.capture(SourceFile(name: "t.sock", text: c.script))
    #expect(r.diagnostics.map(\.message) == (c.message.map { [$0] } ?? []))
    #expect(r.status == (c.message == nil ? .ok : .expectationFailed))
    if c.message != nil { #expect(r.diagnostics.first?.location?.column == c.column) }
  }

  @Test("a server's bind is not what its declaration's expectation checks")
  func serverBindIsNotChecked() {
    // The implicit bind fails (the path exists), and the socket() expectation still holds.
    let r = ScriptRunner.capture(SourceFile(name: "t.sock", text: "touch \"server.sock\"; server = 3"))
    #expect(r.stdout.contains("bind(server, \"server.sock\") = -1 EADDRINUSE"))
    #expect(r.status == .ok)
  }

  @Test("an existing 'server' made again in a loop has no socket() to check: a script error")
  func reusedDefaultSocket() {
    let r = ScriptRunner.capture(SourceFile(name: "t.sock", text: "repeat 2 { server = 3 }"))
    #expect(r.status == .scriptError)
    #expect(
      r.diagnostics.map(\.message) == ["'server' already exists, so no socket() call is made for this expectation"])
  }
}

@Suite("verify: a result the expectation accepts on both sides is no divergence")
struct ExpectationComparisonTests {
  /// A one-call log: `connect` returned `errno` (nil: 0), with `expectation`.
  static func log(_ errno: Errno?, _ expectation: String?, sleepsUntil: Nanoseconds? = nil) throws -> CallLog {
    var log = CallLog()
    let parsed = try expectation.map { text in
      try #require(try ExpectationParseTests.expectation("c connect \(text)"))
    }
    log.issued(
      tag: 1, actor: "c", location: SourceLocation(line: 1, column: 1, offset: 0), word: "connect", name: "connect",
      expectation: parsed)
    var outcome = SyscallOutcome.success(0)
    if let errno {
      outcome.value = -1
      outcome.errno = errno
    }
    if sleepsUntil != nil { log.blocked(tag: 1, startedAt: 0, timeout: 3) }
    log.returned(tag: 1, outcome: outcome, startedAt: 0, at: sleepsUntil ?? 0)
    return log
  }

  static func aspects(
    _ expectation: String?, model: Errno?, kernel: Errno?, kernelSleepsUntil: Nanoseconds? = nil
  ) throws -> [String] {
    let comparison = Comparison(tolerance: KernelTolerance(hz: 250))
    let kernelLog = try log(kernel, expectation, sleepsUntil: kernelSleepsUntil)
    return comparison.divergences(
      model: try log(model, expectation), modelStatus: .ok, kernel: kernelLog, kernelStatus: .ok
    ).map(\.aspect)
  }

  @Test("accepted on both sides: no divergence; exact or rejected on one side: a result divergence")
  func lenientOnlyWhereBothHold() throws {
    #expect(try Self.aspects("= 0 or EAGAIN", model: nil, kernel: .EAGAIN) == [])
    #expect(try Self.aspects("= EAGAIN or ECONNREFUSED", model: .ECONNREFUSED, kernel: .EAGAIN) == [])
    #expect(try Self.aspects("= ok", model: nil, kernel: nil) == [])
    #expect(try Self.aspects("= 0 or ECONNREFUSED", model: nil, kernel: .EAGAIN) == ["result"])
    #expect(try Self.aspects("= 0", model: nil, kernel: .EAGAIN) == ["result"])
    #expect(try Self.aspects(nil, model: nil, kernel: .EAGAIN) == ["result"])
  }

  @Test("an accepted other result brings its own sleep and time; the same result is compared in full")
  func sleepAndTimeFollowTheResult() throws {
    // The kernel timed out after a sleep, where the model's call was let in at once.
    #expect(try Self.aspects("= 0 or EAGAIN", model: nil, kernel: .EAGAIN, kernelSleepsUntil: 900_000_000) == [])
    #expect(
      try Self.aspects("= 0 or EAGAIN", model: nil, kernel: nil, kernelSleepsUntil: 900_000_000) == [
        "blocking", "time",
      ])
  }
}
