import SockKernel
import SyscallVocabulary
import Testing

@testable import ScenarioLang

/// `send`'s flags may come before or after `to TARGET`; a flag where an operation was
/// expected says where it goes.
@Suite("Flag order")
struct FlagOrderTests {
  /// The flags and the target's name of the script's one `send`.
  func send(_ text: String) throws -> (flags: MessageFlags, target: String?) {
    let script = try Parser.parse(text)
    guard case .act(_, let ops) = script.statements[0].kind, case .send(_, let flags, let target) = ops[0].kind else {
      Issue.record("expected a send")
      return ([], nil)
    }
    guard case .socket(let name) = target else { return (flags, nil) }
    return (flags, name.text)
  }

  @Test(
    "flags before, after or around 'to' mean the same",
    arguments: [
      "c send \"x\" dontwait nosignal to log", "c send \"x\" to log dontwait nosignal",
      "c send \"x\" dontwait to log nosignal", "c send \"x\" nosignal to log dontwait",
    ])
  func order(_ text: String) throws {
    let parsed = try send(text)
    #expect(parsed.flags == [.MSG_DONTWAIT, .MSG_NOSIGNAL])
    #expect(parsed.target == "log")
  }

  @Test("flags after 'to' run: the datagram is sent without waiting")
  func runs() {
    let r = ScriptRunner.capture(
      SourceFile(
        name: "t.sock", text: "socket log dgram bind \"log\"; client c dgram; c send \"x\" to log dontwait = 1"))
    #expect(r.status == .ok, "\(r.diagnostics.map(\.message))")
    #expect(r.stdout.contains("sendto(c, \"x\", 1, MSG_DONTWAIT, \"log\") = 1"))
  }

  @Test(
    "a flag twice, or where an operation goes, is an error at the word",
    arguments: [
      DiagnosticCase(text: "c send \"x\" dontwait to log dontwait", message: "'dontwait' is given twice", column: 28),
      DiagnosticCase(
        text: "c send \"x\" peek", message: "'peek' is not an operation but a flag of 'recv'", column: 12),
      DiagnosticCase(
        text: "c close dontwait", message: "'dontwait' is not an operation but a flag of 'send' and 'recv'", column: 9),
    ])
  func errors(_ bad: DiagnosticCase) {
    bad.expectThrown { _ = try Parser.parse($0) }
  }
}
