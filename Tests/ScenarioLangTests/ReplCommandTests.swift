import Testing

@testable import ScenarioLang

/// What the REPL makes of words typed out of habit, and of shortened meta commands.
@Suite("Interactive session: habits and command prefixes")
struct ReplCommandTests {
  typealias Harness = InteractiveSessionTests.Harness

  @Test(
    "exit, quit and help answer as Python's REPL does, without parser noise", arguments: ["exit", "quit", "  quit() "])
  func leaveHint(_ word: String) {
    let h = Harness()
    h.enter(word)
    #expect(h.err.isEmpty)
    #expect(h.out == ["Use :quit or Ctrl-D to leave."])
    #expect(!h.engine.quitRequested)
  }

  @Test("help points at :help")
  func helpHint() {
    let h = Harness()
    h.enter("help")
    #expect(h.err.isEmpty)
    #expect(h.out == ["Type :help for the commands, keys and example statements."])
  }

  @Test("a socket named exit still works in a statement")
  func socketNamedExit() {
    let h = Harness()
    h.enter("client exit", "exit close")
    #expect(h.err.isEmpty)
    #expect(h.out.last == "0.000000 exit     close(exit) = 0")
  }

  @Test("a unique prefix runs its command")
  func prefixes() throws {
    let h = Harness()
    h.enter(":st", ":ti", ":e on", ":h")
    #expect(h.err.isEmpty)
    #expect(Array(h.out.prefix(3)) == ["no sockets", "0.000000 (jiffies 0 at HZ=250)", "explain is on"])
    #expect(h.out.last == ReplHelp.text.last)
    h.enter(":sa s.sock")
    #expect(h.files["s.sock"] != nil)
    h.enter(":q")
    #expect(h.engine.quitRequested)
  }

  @Test("a prefix of several commands is the one :help lists first: :s is :state, :sa is :save")
  func sharedPrefix() throws {
    let h = Harness()
    h.enter("socketpair a b")
    h.out = []
    h.enter(":s")
    #expect(h.err.isEmpty)
    #expect(h.out.first?.hasPrefix("Socket") == true, "\(h.out)")
    h.enter(":sa s.sock")
    #expect(h.err.isEmpty)
    #expect(h.out.last == "saved 1 statement to s.sock")
    #expect(h.files["s.sock"]?.contains("socketpair a b") == true)
  }

  @Test("errors about a shortened command name the command")
  func shortenedErrors() {
    let h = Harness()
    h.enter(":q now", ":l")
    #expect(h.err.count == 2)
    #expect(h.err[0].hasPrefix("<repl>:1:4: error: :quit takes no argument\n"))
    #expect(h.err[1].hasPrefix("<repl>:2:1: error: :load needs a file name\n"))
    #expect(!h.engine.quitRequested)
  }
}

@Suite(":help")
struct ReplHelpTests {
  @Test(":help fits an 80-column terminal")
  func fits() {
    #expect(ReplHelp.text.allSatisfy { $0.count <= 80 }, "\(ReplHelp.text.filter { $0.count > 80 })")
  }
}
