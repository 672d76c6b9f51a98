import Foundation
import Testing

#if canImport(Glibc)
  import Glibc
#endif

/// `sockscript repl` on a real pseudo-terminal: prompts, libedit keys, the history file.
/// Every wait polls for the text expected (generously, for a loaded machine).
@Suite("sockscript repl on a terminal")
struct ReplTerminalTests {
  static let root = Sockscript.root

  static var binary: String { Sockscript.binary }

  /// A scratch directory for one test (history file, saved scripts).
  static func scratch() throws -> URL { try Sockscript.temporaryDirectory() }

  /// Starts the REPL with its history in `history`, no locale in the environment (it must
  /// pick UTF-8 itself) and no color.
  static func repl(history: URL, arguments: [String] = ["repl"]) throws -> PseudoTerminal {
    var environment = ProcessInfo.processInfo.environment.filter { !$0.key.hasPrefix("LC_") && $0.key != "LANG" }
    environment["TERM"] = "xterm"
    environment["NO_COLOR"] = "1"
    environment["SOCKSCRIPT_HISTORY"] = history.path
    environment["HOME"] = history.deletingLastPathComponent().path
    let terminal = try PseudoTerminal(binary, arguments, environment: environment, directory: root.path)
    try terminal.expect("0.000000> ")
    return terminal
  }

  @Test("a typed line runs at once; the prompt shows the virtual time; Ctrl-D exits 0")
  func typeAndRun() throws {
    let dir = try Self.scratch()
    defer { try? FileManager.default.removeItem(at: dir) }
    let t = try Self.repl(history: dir.appendingPathComponent("history"))
    t.type("server listen 0; client c1 sndtimeo 1s connect; c1 connect\r")
    try t.expect("1.000000 c1       <... connect resumed> = -1 EAGAIN (Resource temporarily unavailable)")
    try t.expect("1.000000> ")
    t.type("\u{4}")
    #expect(try t.waitForExit() == 0)
  }

  @Test("plain 'sockscript' on a terminal starts the REPL; an error stays in it")
  func noArguments() throws {
    let dir = try Self.scratch()
    defer { try? FileManager.default.removeItem(at: dir) }
    let t = try Self.repl(history: dir.appendingPathComponent("history"), arguments: [])
    t.type("client c1 conect\r")
    try t.expect("<repl>:1:11: error: unknown operation 'conect'")
    try t.expect("0.000000> ")
    t.type(":quit\r")
    #expect(try t.waitForExit() == 0)
  }

  @Test("Up in a second session recalls a line typed in the first")
  func historyAcrossSessions() throws {
    let dir = try Self.scratch()
    defer { try? FileManager.default.removeItem(at: dir) }
    let history = dir.appendingPathComponent("history")
    let first = try Self.repl(history: history)
    first.type("server listen 7\r")
    try first.expect("listen(server, 7) = 0")
    try first.expect("0.000000> ")
    first.type("\u{4}")
    #expect(try first.waitForExit() == 0)
    #expect(try String(contentsOf: history, encoding: .utf8) == "server listen 7\n")

    let second = try Self.repl(history: history)
    second.type("\u{1B}[A")
    try second.expect("server listen 7")
    second.type("\r")
    try second.expect("0.000000 server   listen(server, 7) = 0")
    try second.expect("0.000000> ")
    second.type("\u{4}")
    #expect(try second.waitForExit() == 0)
  }

  @Test("Tab completes the name of a socket that exists")
  func completeSocketName() throws {
    let dir = try Self.scratch()
    defer { try? FileManager.default.removeItem(at: dir) }
    let t = try Self.repl(history: dir.appendingPathComponent("history"))
    t.type("client alpha; client beta\r")
    try t.expect("beta     socket(AF_UNIX, SOCK_STREAM, 0) = 4")
    try t.expect("0.000000> ")
    t.type("al\t")
    try t.expect("alpha ")
    t.type("close\r")
    try t.expect("0.000000 alpha    close(alpha) = 0")
    try t.expect("0.000000> ")
    t.type("\u{4}")
    #expect(try t.waitForExit() == 0)
  }

  @Test("Ctrl-C abandons the line being typed and gives a fresh prompt")
  func controlC() throws {
    let dir = try Self.scratch()
    defer { try? FileManager.default.removeItem(at: dir) }
    let t = try Self.repl(history: dir.appendingPathComponent("history"))
    t.type("client doomed connect")
    try t.expect("client doomed connect")
    t.type("\u{3}")
    try t.expect("^C")
    try t.expect("0.000000> ")
    t.type("client kept\r")
    let shown = try t.expect("kept     socket(AF_UNIX, SOCK_STREAM, 0) = 3")
    #expect(!shown.contains("doomed   socket"))
    try t.expect("0.000000> ")
    t.type("\u{4}")
    #expect(try t.waitForExit() == 0)
  }

  @Test(":state shows the listener's backlog and queue; :save writes a script 'run' accepts")
  func stateAndSave() throws {
    let dir = try Self.scratch()
    defer { try? FileManager.default.removeItem(at: dir) }
    let t = try Self.repl(history: dir.appendingPathComponent("history"))
    t.type("server listen 0\r")
    try t.expect("listen(server, 0) = 0")
    try t.expect("0.000000> ")
    t.type("client c1 connect\r")
    try t.expect("connect(c1, \"server.sock\") = 0")
    try t.expect("0.000000> ")
    t.type("client c2 connect &\r")
    try t.expect("<blocked on server.peer_wait, exclusive, no timeout>")
    try t.expect("0.000000> ")
    t.type(":state\r")
    try t.expect("LISTEN       1       0  \"server.sock\"")
    try t.expect("backlog 0 admits 1; 1 queued (c1): full")
    try t.expect("waiting on server.peer_wait: c2 in connect (exclusive, no timeout)")
    t.type("server accept\r")
    try t.expect("<... connect resumed> = 0")
    try t.expect("0.000000> ")
    let saved = dir.appendingPathComponent("saved.sock")
    t.type(":save \(saved.path)\r")
    try t.expect("saved 4 statements to")
    try t.expect("0.000000> ")
    t.type(":quit\r")
    #expect(try t.waitForExit() == 0)
    let replay = try Sockscript.run(["run", saved.path])
    #expect(replay.status == 0)
    #expect(replay.stdout.hasSuffix("0.000000 c2       <... connect resumed> = 0\n"))
  }

  @Test("UTF-8 typed at a terminal reaches the script intact")
  func utf8() throws {
    let dir = try Self.scratch()
    defer { try? FileManager.default.removeItem(at: dir) }
    let t = try Self.repl(history: dir.appendingPathComponent("history"))
    t.type("socket s bind \"café.sock\"\r")
    try t.expect("bind(s, \"caf\\xc3\\xa9.sock\") = 0")
    try t.expect("0.000000> ")
    t.type("\u{4}")
    #expect(try t.waitForExit() == 0)
    unlink(Self.root.appendingPathComponent("café.sock").path)
  }
}
