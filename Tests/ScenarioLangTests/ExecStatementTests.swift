import SockKernel
import SyscallVocabulary
import Testing

@testable import ScenarioLang

/// `THREAD: exec`: parsing, and what the session keeps of the process after it.
@Suite("exec: 'THREAD: exec'")
struct ExecStatementTests {
  @Test("'child: exec' is the statement, made by the prefix's thread")
  func parses() throws {
    let script = try Parser.parse("fork child; child: exec")
    guard case .exec = script.statements[1].kind else {
      Issue.record("not exec")
      return
    }
    #expect(script.statements[1].thread?.text == "child")
  }

  @Test("'exec' without a thread is a name, as before")
  func execIsAName() throws {
    let script = try Parser.parse("client exec; exec close")
    guard case .act(let name, _) = script.statements[1].kind else {
      Issue.record("not an action")
      return
    }
    #expect(name.text == "exec")
  }

  @Test(
    "exec takes nothing after it",
    arguments: [
      DiagnosticCase(text: "child: exec 3", message: "'exec' takes no arguments, found '3'", column: 13),
      DiagnosticCase(text: "child: exec child", message: "'exec' takes no arguments, found 'child'", column: 13),
    ])
  func errors(_ bad: DiagnosticCase) {
    bad.expectThrown { _ = try Parser.parse($0) }
  }

  @Test("after exec the child's table has lost its cloexec descriptor, and only the caller is left")
  func sessionFollows() throws {
    let text = "socketpair a b stream|cloexec; socketpair c d; fork child; thread t in child; t: exec"
    let source = SourceFile(name: "t", text: text)
    var trace: [String] = []
    let session = ScenarioSession(source: source, output: { trace.append($0) }, report: { _ in })
    session.execute(try Parser.parse(source.text))
    session.finish()
    #expect(session.status == .ok)
    let child = try #require(session.processes["child"])
    #expect(child.descriptors.open.map(\.fd) == [5, 6])
    #expect(child.threads.map(\.name) == ["t"])
    #expect(session.declaredThreads["child"]?.supersededBy == "t")
    // The first thread made no call: it is no thread of the program, and has no line.
    #expect(trace.last == "0.000000 t        [pid 2] execve(\"/proc/self/exe\", [...], ...) = 0")
    #expect(!trace.contains { $0.contains("superseded") })
  }

  @Test("Tab offers 'exit' and 'exec' after a thread's prefix only")
  func completion() {
    let afterPrefix = Completion.complete("child: ex", sockets: ["child"], files: { _ in [] }).candidates
    #expect(afterPrefix.contains("exec") && afterPrefix.contains("exit"))
    let atStart = Completion.complete("ex", sockets: [], files: { _ in [] }).candidates
    #expect(!atStart.contains("exec"))
  }
}
