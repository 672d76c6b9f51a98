import SockKernel
import SyscallVocabulary
import Testing

@testable import ScenarioLang

@Suite("Parser: descriptor operations")
struct DescriptorParserTests {
  private func operation(_ text: String) throws -> Operation { try firstOperation(text) }

  @Test("dup as NAME names the new descriptor")
  func dupAs() throws {
    guard case .dup(let name) = try operation("c dup as d = 5").kind else {
      Issue.record("expected dup")
      return
    }
    #expect(name.text == "d")
  }

  @Test("dup2 NAME targets a name's descriptor; dup2 INT as NAME a number; dup3 carries flags")
  func dup2Targets() throws {
    guard case .dup2(.socket(let target), nil) = try operation("c dup2 d").kind else {
      Issue.record("expected dup2 onto a name")
      return
    }
    #expect(target.text == "d")
    guard case .dup2(.number(7, let name), nil) = try operation("c dup2 7 as n = 7").kind else {
      Issue.record("expected dup2 onto a number")
      return
    }
    #expect(name.text == "n")
    guard case .dup2(.socket, 0?) = try operation("c dup3 d").kind else {
      Issue.record("expected dup3")
      return
    }
  }

  @Test(
    "malformed descriptor operations point at the problem",
    arguments: [
      DiagnosticCase(
        text: "c dup", message: "'dup' needs 'as NAME', the name of the new descriptor, found end of input", column: 6),
      DiagnosticCase(
        text: "c dup d", message: "'dup' needs 'as NAME', the name of the new descriptor, found 'd'", column: 7),
      DiagnosticCase(
        text: "c dup as close", message: "'dup as' needs a name for the new descriptor, found 'close'", column: 10),
      DiagnosticCase(
        text: "c dup2 7 close", message: "'dup2 7' needs 'as NAME', the name of the descriptor it makes, found 'close'",
        column: 10),
      DiagnosticCase(
        text: "c dup2 = 3",
        message: "'dup2' needs the name whose descriptor it replaces, or a number and 'as NAME', found '='", column: 8),
    ])
  func errors(_ bad: DiagnosticCase) {
    bad.expectThrown { _ = try Parser.parse($0) }
  }
}

@Suite("Parser: fcntl")
struct FcntlParserTests {
  private func kind(_ text: String) throws -> Operation.Kind? {
    guard case .act(_, let ops) = try Parser.parse(text).statements[0].kind else { return nil }
    return ops.first?.kind
  }

  @Test("fcntl's commands and their arguments")
  func commands() throws {
    guard case .fcntl(.F_GETFL, 0, nil) = try kind("c fcntl getfl = [O_RDWR|O_NONBLOCK]") else {
      Issue.record("getfl")
      return
    }
    guard case .fcntl(.F_SETFL, let flags, nil) = try kind("c fcntl setfl nonblock|append") else {
      Issue.record("setfl")
      return
    }
    #expect(flags == O_NONBLOCK | O_APPEND)
    guard case .fcntl(.F_SETFD, 1, nil) = try kind("c fcntl setfd cloexec") else {
      Issue.record("setfd")
      return
    }
    guard case .fcntl(.F_DUPFD_CLOEXEC, 4, let name?) = try kind("c fcntl dupfd_cloexec 4 as d") else {
      Issue.record("dupfd_cloexec")
      return
    }
    #expect(name.text == "d")
    guard case .dup2(.socket, O_CLOEXEC?) = try kind("c dup3 d cloexec") else {
      Issue.record("dup3 cloexec")
      return
    }
  }

  @Test("a getfl expectation names the flags as strace does")
  func flagsExpectation() throws {
    guard case .act(_, let ops) = try Parser.parse("c fcntl getfl = [O_RDWR|O_NONBLOCK]").statements[0].kind
    else { return }
    #expect(ops[0].expectation?.results == [.option(O_RDWR | O_NONBLOCK)])
  }

  @Test(
    "malformed fcntl operations point at the problem",
    arguments: [
      DiagnosticCase(
        text: "c fcntl getflags",
        message:
          "'fcntl' takes getfl, setfl, getfd, setfd, dupfd, dupfd_cloexec, setown, setown_ex or getown, found 'getflags'",
        column: 9),
      DiagnosticCase(
        text: "c fcntl setfl O_NONBLOCK",
        message: "'fcntl setfl' takes nonblock, append, direct joined by '|', or 0, found 'O_NONBLOCK'", column: 15),
      DiagnosticCase(text: "c fcntl setfd 1", message: "'fcntl setfd' takes cloexec or 0, found '1'", column: 15),
      DiagnosticCase(
        text: "c fcntl dupfd 3 d",
        message: "'fcntl dupfd 3' needs 'as NAME', the name of the descriptor it makes, found 'd'", column: 17),
      DiagnosticCase(
        text: "c fcntl getfl = [O_NONBLOK]",
        message: "expected file flags such as O_RDWR|O_NONBLOCK, found 'O_NONBLOK'",
        column: 18),
    ])
  func errors(_ bad: DiagnosticCase) {
    bad.expectThrown { _ = try Parser.parse($0) }
  }
}

@Suite("Parser: socket flags")
struct SocketFlagsParserTests {
  @Test("flags after a declaration's or socketpair's type, and accept4's")
  func flags() throws {
    let script = try Parser.parse("client c stream|nonblock|cloexec; socketpair a b dgram|64; c accept4 nonblock as s")
    guard case .declare(_, _, .stream?, _, _, let flags) = script.statements[0].kind else {
      Issue.record("declaration")
      return
    }
    #expect(flags == SOCK_NONBLOCK | SOCK_CLOEXEC)
    guard case .socketpair(_, _, .dgram?, _, 64) = script.statements[1].kind else {
      Issue.record("socketpair")
      return
    }
    guard case .act(_, let ops) = script.statements[2].kind, case .accept4(SOCK_NONBLOCK, let name?) = ops[0].kind
    else {
      Issue.record("accept4")
      return
    }
    #expect(name.text == "s")
  }

  @Test("'client c nonblock' stays the nonblock operation: flags need a type before them")
  func nonblockWithoutTypeIsTheOperation() throws {
    let script = try Parser.parse("client c nonblock")
    guard case .declare(_, _, nil, _, let ops, 0) = script.statements[0].kind else {
      Issue.record("declaration")
      return
    }
    #expect(ops.map(\.word) == ["nonblock"])
  }

  @Test(
    "malformed socket flags point at the problem",
    arguments: [
      DiagnosticCase(
        text: "client c stream|SOCK_NONBLOCK",
        message:
          "the flags of a socket type are nonblock and cloexec (or a number), joined by '|', found 'SOCK_NONBLOCK'",
        column: 17),
      DiagnosticCase(
        text: "c accept4 as s",
        message: "the flags of accept4 are nonblock and cloexec (or a number), joined by '|', found 'as'", column: 11),
    ])
  func errors(_ bad: DiagnosticCase) {
    bad.expectThrown { _ = try Parser.parse($0) }
  }
}

@Suite("Parser: read and write")
struct ReadWriteParserTests {
  @Test("read SIZE and write DATA, with data and size results")
  func readWrite() throws {
    let script = try Parser.parse("c read 1KiB = \"x\"; c write \"hi\" = 2; c write 4KiB = 4KiB")
    let ops = script.statements.compactMap { s -> Operation? in
      if case .act(_, let ops) = s.kind { return ops[0] }
      return nil
    }
    guard case .read(1024) = ops[0].kind, case .write(.bytes(let bytes)) = ops[1].kind,
      case .write(.zeros(4096)) = ops[2].kind
    else {
      Issue.record("read and write")
      return
    }
    #expect(bytes == Array("hi".utf8))
    #expect(ops[0].expectation?.results == [.data(Array("x".utf8))])
    #expect(ops[2].expectation?.results == [.value(4096)])
  }

  @Test(
    "malformed read and write point at the problem",
    arguments: [
      DiagnosticCase(
        text: "c write 1 = \"x\"",
        message:
          "'write' cannot return that: a data result (\"…\") is for 'recv', 'recvmsg', 'read', 'getsockname' and 'getpeername'",
        column: 11),
      DiagnosticCase(text: "c read 10 peek", message: "'peek' is not an operation but a flag of 'recv'", column: 11),
    ])
  func errors(_ bad: DiagnosticCase) {
    bad.expectThrown { _ = try Parser.parse($0) }
  }
}

@Suite("Parser: open")
struct OpenParserTests {
  @Test("open \"PATH\" as NAME [= RESULT]")
  func open() throws {
    guard case .open(let path, let name, let expectation?) = try Parser.parse("open \"f\" as f = 3").statements[0].kind
    else {
      Issue.record("open")
      return
    }
    #expect(path == Array("f".utf8))
    #expect(name.text == "f")
    #expect(expectation.results == [.value(3)])
  }

  @Test(
    "malformed open points at the problem",
    arguments: [
      DiagnosticCase(text: "open f as f", message: "'open' needs a path in double quotes, found 'f'", column: 6),
      DiagnosticCase(
        text: "open \"f\" f", message: "'open' needs 'as NAME', the name of the descriptor it makes, found 'f'",
        column: 10),
      DiagnosticCase(
        text: "open \"f\" as close", message: "'open as' needs a name for the new descriptor, found 'close'", column: 13
      ),
    ])
  func errors(_ bad: DiagnosticCase) {
    bad.expectThrown { _ = try Parser.parse($0) }
  }
}
