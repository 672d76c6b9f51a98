import SockKernel
import SyscallVocabulary
import Testing

@testable import ScenarioLang

@Suite("Parser")
struct ParserTests {
  @Test("the seed line parses into three statements")
  func seedLine() throws {
    let script = try Parser.parse("server listen 0; client c1 sndtimeo 1s connect; c1 connect")
    #expect(script.statements.count == 3)
    guard case .declare(.client, let name, nil, nil, let ops, 0) = script.statements[1].kind else {
      Issue.record("expected a client declaration")
      return
    }
    #expect(name?.text == "c1")
    #expect(ops.map(\.word) == ["sndtimeo", "connect"])
    guard case .setTimeout(.SO_SNDTIMEO, let tv, 16) = ops[0].kind else {
      Issue.record("expected sndtimeo")
      return
    }
    #expect(tv == Timeval(seconds: 1, microseconds: 0))
  }

  @Test(
    "durations become timevals exactly",
    arguments: [
      ("1s", Timeval(seconds: 1, microseconds: 0)), ("-1s", Timeval(seconds: -1, microseconds: 0)),
      ("-1.5s", Timeval(seconds: -2, microseconds: 500_000)), ("0", Timeval(seconds: 0, microseconds: 0)),
      ("1us", Timeval(seconds: 0, microseconds: 1)), ("2500ms", Timeval(seconds: 2, microseconds: 500_000)),
      ("{-5, 999999}", Timeval(seconds: -5, microseconds: 999_999)),
    ])
  func durations(_ text: String, _ expected: Timeval) throws {
    let script = try Parser.parse("c sndtimeo \(text)")
    guard case .act(_, let ops) = script.statements[0].kind, case .setTimeout(_, let tv, _) = ops[0].kind else {
      Issue.record("expected sndtimeo")
      return
    }
    #expect(tv == expected)
  }

  @Test("expectations: value, errno, timeval, time")
  func expectations() throws {
    let script = try Parser.parse("c connect = -1 EAGAIN at 1.004s; c get sndtimeo = {0, 4000}; c close = 0")
    let results = script.statements.compactMap { s -> ScenarioLang.Expectation? in
      if case .act(_, let ops) = s.kind { return ops[0].expectation }
      return nil
    }
    #expect(
      results.map { $0.results } == [
        [ScenarioLang.Expectation.Result.error(.EAGAIN)], [.timeval(Timeval(seconds: 0, microseconds: 4000))],
        [.value(0)],
      ])
    #expect(results[0].time == 1_004_000_000)
  }

  @Test(
    "syntax errors name the problem at the right column",
    arguments: [
      DiagnosticCase(text: "server lisen 0", message: "unknown operation 'lisen'", column: 8),
      DiagnosticCase(text: "listen 0", message: "'listen' needs a socket before it", column: 1),
      DiagnosticCase(
        text: "server listen", message: "listen's backlog must be an integer, found end of input", column: 14),
      DiagnosticCase(
        text: "server listen 9223372036854775808",
        message:
          "listen's backlog must be an integer from -2147483648 to 2147483647, found '9223372036854775808'",
        column: 15),
      DiagnosticCase(
        text: "c sndtimeo 99999999999999999999s",
        message: "'99999999999999999999s' is out of range", column: 12),
      DiagnosticCase(
        text: "c sndtimeo 1ns", message: "sndtimeo is a timeval: a whole number of microseconds", column: 12),
      DiagnosticCase(text: "c sndtimeo 5", message: "'5' needs a time unit", column: 12),
      DiagnosticCase(text: "c connect = -1 EAGIAN", message: "unknown errno 'EAGIAN'", column: 16),
      DiagnosticCase(text: "c connect = -1", message: "'= -1' needs the errno", column: 11),
      DiagnosticCase(text: "socket listen 1", message: "'socket' needs a name, found 'listen'", column: 8),
      DiagnosticCase(text: "sleep -1s", message: "cannot sleep a negative time", column: 7),
      DiagnosticCase(text: "c close }", message: "expected an operation, found '}'", column: 9),
      DiagnosticCase(text: "sleep 1s &", message: "only socket statements can run in the background", column: 10),
    ])
  func errors(_ bad: DiagnosticCase) {
    bad.expectThrown { _ = try Parser.parse($0) }
  }

  @Test("a suggestion for a misspelt operation")
  func suggestion() {
    do {
      _ = try Parser.parse("c conect")
      Issue.record("expected an error")
    } catch {
      #expect(error.noteMessages.first == "did you mean 'connect'?")
    }
  }

  @Test("a poll's revents may start with 0, and [0] after poll is one empty revents")
  func reventsStartingWithZero() throws {
    for (text, expected) in [("a poll b, a = [0, IN]", [[], PollMask.EPOLLIN]), ("a poll = [0]", [[]])] {
      let script = try Parser.parse(text)
      guard case .act(_, let ops) = script.statements[0].kind else {
        Issue.record("expected an action")
        return
      }
      #expect(ops[0].expectation?.results == [.revents(expected)])
    }
    let option = try Parser.parse("a get sndbuf = [0]")
    guard case .act(_, let ops) = option.statements[0].kind else { return }
    #expect(ops[0].expectation?.results == [.option(0)])
  }
}
