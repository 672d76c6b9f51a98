import SockKernel
import SyscallVocabulary
import Testing

@testable import ScenarioLang

@Suite("Parser: expectation forms")
struct ExpectationParseTests {
  /// The expectation of the first operation of the script's last statement, or of a
  /// declaration's socket().
  static func expectation(_ text: String) throws -> ScenarioLang.Expectation? {
    let script = try Parser.parse(text)
    switch script.statements.last?.kind {
    case .act(_, let operations): return operations.first?.expectation
    case .declare(_, _, _, let expectation, _, _): return expectation
    case .socketpair(_, _, _, let expectation, _): return expectation
    default: return nil
    }
  }

  typealias Result = ScenarioLang.Expectation.Result

  static let parsed: [(String, [Result])] = [
    ("c connect = ok", [.success]),
    ("c send 10 >= 1", [.relation(.atLeast, 1)]),
    ("c send 10 > 1KiB", [.relation(.above, 1024)]),
    ("c send 10 <= -3", [.relation(.atMost, -3)]),
    ("c send 10 < 2", [.relation(.below, 2)]),
    ("c connect = 0 or EAGAIN", [.value(0), .error(.EAGAIN)]),
    ("c connect = -1 EAGAIN or -1 ECONNREFUSED", [.error(.EAGAIN), .error(.ECONNREFUSED)]),
    ("c recv 5 = 5 or 6 or ok", [.value(5), .value(6), .success]),
    ("c send 10 >= 1 or EAGAIN", [.relation(.atLeast, 1), .error(.EAGAIN)]),
    ("c send 10 = EAGAIN or >= 1", [.error(.EAGAIN), .relation(.atLeast, 1)]),
    ("c recv 5 = \"x\" or EAGAIN", [.data(Array("x".utf8)), .error(.EAGAIN)]),
    ("c poll = [0] or [IN]", [.revents([[]]), .revents([.EPOLLIN])]),
    ("client c1 = 4 connect", [.value(4)]),
    ("server s dgram = 3 bind \"x\"", [.value(3)]),
    ("socket s seqpacket = EMFILE or ok", [.error(.EMFILE), .success]),
    ("socketpair a b = 0", [.value(0)]),
  ]

  @Test("each form parses into its results", arguments: parsed)
  func forms(_ text: String, _ results: [ScenarioLang.Expectation.Result]) throws {
    #expect(try Self.expectation(text)?.results == results)
  }

  @Test("'at' after the list applies to all; the declaration's operations follow its expectation")
  func atAndFollowers() throws {
    let e = try #require(try Self.expectation("c connect = 0 or EAGAIN at 10ms"))
    #expect(e.time == 10_000_000 && e.results.count == 2)
    let script = try Parser.parse("client c1 = 4 sndtimeo 1s connect = 0")
    guard case .declare(.client, _, nil, let socket?, let operations, _) = script.statements[0].kind else {
      Issue.record("expected a declaration with an expectation")
      return
    }
    #expect(socket.results == [.value(4)])
    #expect(operations.map(\.word) == ["sndtimeo", "connect"])
    #expect(operations[1].expectation?.results == [.value(0)])
  }

  @Test("the lexer reads the four relations, and '>' and '<' before anything but '='")
  func relationTokens() throws {
    let kinds = try Lexer.tokenize(">= > <= < >1 <=2").map(\.kind)
    #expect(
      kinds == [
        .relation(.atLeast), .relation(.above), .relation(.atMost), .relation(.below), .relation(.above), .number("1"),
        .relation(.atMost), .number("2"), .endOfFile,
      ])
  }

  @Test("only the forms that allow several outcomes accept several (verify's leniency)")
  func acceptsSeveral() throws {
    #expect(try Self.expectation("c connect = 0")?.acceptsSeveral == false)
    #expect(try Self.expectation("c recv 5 = \"x\"")?.acceptsSeveral == false)
    #expect(try Self.expectation("c connect = ok")?.acceptsSeveral == true)
    #expect(try Self.expectation("c send 5 >= 1")?.acceptsSeveral == true)
    #expect(try Self.expectation("c connect = 0 or EAGAIN")?.acceptsSeveral == true)
  }

  @Test(
    "bad expectations name the problem where it is",
    arguments: [
      DiagnosticCase(text: "c connect = or", message: "expected a result after '=', found 'or'", column: 13),
      DiagnosticCase(text: "c connect = 0 or", message: "expected a result after 'or', found end of input", column: 17),
      DiagnosticCase(
        text: "c send 1 >= EAGAIN",
        message: "'>=' compares the value a call returns and needs a number, found 'EAGAIN'", column: 13),
      DiagnosticCase(
        text: "c send 1 < \"x\"", message: "'<' compares the value a call returns and needs a number, found a string",
        column: 12),
      DiagnosticCase(
        text: "c listen 1 >= 1KiB",
        message: "a size result ('1KiB') is a byte count: only 'send' and 'recv' return one", column: 15),
      DiagnosticCase(
        text: "c send 1 >= 1.5",
        message: "the bound of '>=' must be an integer that fits a C long (64 bits), found '1.5'", column: 13),
      DiagnosticCase(text: "c connect = 0 or -1", message: "'= -1' needs the errno", column: 15),
      DiagnosticCase(
        text: "c listen 1 = 0 or \"x\"",
        message:
          "'listen' cannot return that: a data result (\"…\") is for 'recv', 'recvmsg', 'read', 'getsockname' and 'getpeername'",
        column: 12),
      DiagnosticCase(text: "sleep 1s = 0", message: "'sleep' takes no expectation", column: 10),
      DiagnosticCase(text: "wait >= 0", message: "'wait' takes no expectation", column: 6),
      DiagnosticCase(
        text: "c = 0 connect", message: "an expectation goes after the operation whose result it checks", column: 3),
      DiagnosticCase(text: "c connect = 0 = 0", message: "'connect' already has an expectation", column: 15),
      DiagnosticCase(text: "touch \"f\" = 0 >= 0", message: "'touch' already has an expectation", column: 15),
      DiagnosticCase(
        text: "client c = 3 dgram", message: "the type goes before the expectation, found 'dgram' after it", column: 14),
      DiagnosticCase(text: "client c = 3 = 3", message: "'socket' already has an expectation", column: 14),
      DiagnosticCase(
        text: "c connect > ", message: "'>' compares the value a call returns and needs a number, found end of input",
        column: 13),
      DiagnosticCase(text: "c connect =< 0", message: "expected a result after '=', found '<'", column: 12),
    ])
  func errors(_ c: DiagnosticCase) {
    c.expectThrown { _ = try Parser.parse($0) }
  }
}
