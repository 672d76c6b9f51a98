import SockKernel
import SyscallVocabulary
import Testing

@testable import ScenarioLang

@Suite("Parser: descriptor operations")
struct DescriptorParserTests {
  private func operation(_ text: String) throws -> Operation {
    let script = try Parser.parse(text)
    guard case .act(_, let ops) = script.statements[0].kind, let first = ops.first else {
      throw Diagnostic("expected an action", at: nil)
    }
    return first
  }

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
