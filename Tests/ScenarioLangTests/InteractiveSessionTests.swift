import SockKernel
import SyscallVocabulary
import Testing

@testable import ScenarioLang

/// The REPL's engine without a terminal: lines in, trace lines and rendered diagnostics out.
@Suite("Interactive session")
struct InteractiveSessionTests {
  /// An engine whose output, diagnostics and files are collected in memory.
  final class Harness {
    var out: [String] = []
    var err: [String] = []
    var files: [String: String] = [:]
    /// False: every write fails, as on a read-only directory.
    var writable = true
    let interrupt = InterruptFlag()
    /// Called with every output line; may raise the interrupt, as a Ctrl-C would.
    var onOutput: (String) -> Void = { _ in }
    let limits: Limits
    /// The terminal's width, for `:state`.
    var columns = 80
    lazy var engine = InteractiveSession(
      limits: limits, interrupt: interrupt,
      output: { [unowned self] line in
        out.append(line)
        onOutput(line)
      },
      report: { [unowned self] diagnostic, source in err.append(diagnostic.rendered(in: source)) },
      readFile: { [unowned self] path in files[path].map { Array($0.utf8) } },
      writeFile: { [unowned self] path, text in
        guard writable else { return false }
        files[path] = text
        return true
      }, columns: { [unowned self] in columns })

    init(limits: Limits = Limits()) { self.limits = limits }

    func enter(_ lines: String...) { lines.forEach(engine.enter) }
    var stdout: String { out.joined(separator: "\n") }
  }

  @Test("state and time persist from line to line")
  func persists() {
    let h = Harness()
    h.enter("server listen 0", "client c1 sndtimeo 1s connect", "c1 connect")
    #expect(h.engine.time == "1.000000")
    #expect(h.out.last == "1.000000 c1       <... connect resumed> = -1 EAGAIN (Resource temporarily unavailable)")
    h.enter(":time")
    #expect(h.out.last == "1.000000 (jiffies 250 at HZ=250)")
    #expect(h.err.isEmpty)
  }

  @Test("errors name <repl>:LINE:COL, and the next line still runs")
  func errorsDoNotStop() {
    let h = Harness()
    h.enter("server listen 0", "client c1 conect", "c2 close", "client c1 connect = 0")
    #expect(h.err.count == 2)
    #expect(h.err[0].hasPrefix("<repl>:2:11: error: unknown operation 'conect'\nclient c1 conect\n          ^~~~~~\n"))
    #expect(h.err[1].hasPrefix("<repl>:3:1: error: unknown socket 'c2'\nc2 close\n^~\n"))
    #expect(h.out.last == "0.000000 c1       connect(c1, \"server.sock\") = 0")
  }

  @Test("a call that would block forever is reported, stays asleep, and a later line wakes it")
  func blockedForeverThenWoken() {
    let h = Harness()
    h.enter("server listen 0", "client c1 connect", "client c2 connect")
    #expect(h.err.count == 1)
    #expect(h.err[0].hasPrefix("<repl>:3:11: error: c2 blocks forever in connect on server.peer_wait"))
    h.enter("server accept")
    #expect(
      h.out.suffix(3) == [
        "0.000000 server   accept(server) = 6",
        "0.000000 c2       <... connect woken by server on server.peer_wait>",
        "0.000000 c2       <... connect resumed> = 0",
      ])
  }

  @Test(":state shows a full listener's queue and backlog, and who waits on it")
  func state() {
    let h = Harness()
    h.columns = 200
    h.enter("server listen 0", "client c1 connect", "client c2 sndtimeo 2s connect &")
    h.out = []
    h.enter(":state")
    #expect(h.out[0].hasPrefix("Socket"))
    #expect(h.out[0].contains("Recv-Q  Send-Q"))
    let listener = h.out[1].split(separator: " ")
    #expect(Array(listener.prefix(6)) == ["server", "3", "stream", "LISTEN", "1", "0"])
    #expect(h.out[2] == "    backlog 0 admits 1; 1 queued (c1): full, the next connect sleeps or fails")
    #expect(h.out[3] == "    waiting on server.peer_wait: c2 in connect (exclusive, until 2.000000)")
    #expect(h.out.contains { $0.hasPrefix("c2 ") && $0.contains("UNCONN") && $0.contains("2.000000") })
    #expect(h.out.contains { $0.hasPrefix("  socket#") && $0.contains("queued on server") })
  }

  @Test(":state on a fresh kernel")
  func emptyState() {
    let h = Harness()
    h.enter(":state")
    #expect(h.out == ["no sockets"])
  }

  @Test(":save writes a script that 'run' replays with the same trace")
  func saveReplays() throws {
    let h = Harness()
    h.enter(
      "server listen 0; client c1 connect", "client c2 connect", "bogus line", "server accept",
      "client c3 sndtimeo 10ms connect = EAGAIN")
    let replTrace = h.out.map { $0 + "\n" }.joined()
    h.enter(":save s.sock")
    #expect(h.out.last == "saved 5 statements to s.sock")
    let saved = try #require(h.files["s.sock"])
    #expect(
      saved == """
        # saved from the sockscript REPL
        server listen 0
        client c1 connect
        client c2 connect &
        server accept
        client c3 sndtimeo 10ms connect = EAGAIN

        """)
    let replay = ScriptRunner.capture(SourceFile(name: "s.sock", text: saved))
    #expect(replay.status == .ok)
    #expect(replay.stdout == replTrace.replacingBlockedForever())
  }

  @Test("a statement stopped by a script error is saved as a comment, its declaration kept")
  func saveAfterError() throws {
    let h = Harness()
    h.enter("client c1 connect", "c1 close")
    h.enter(":save e.sock")
    let saved = try #require(h.files["e.sock"])
    #expect(saved.hasSuffix("# error in the REPL: client c1 connect\nclient c1\nc1 close\n"))
    #expect(ScriptRunner.capture(SourceFile(name: "e.sock", text: saved)).status == .ok)
  }

  @Test(":load runs a file in the session; its errors name the file")
  func load() {
    let h = Harness()
    h.files["a.sock"] = "server listen 1\nclient a connect\na bogus\n"
    h.enter(":load a.sock")
    #expect(h.err.count == 1)
    #expect(h.err[0].hasPrefix("a.sock:3:3: error:"))
    h.files["b.sock"] = "server listen 1\nclient a connect\n"
    h.enter(":load b.sock", "a close = 0", ":load nope.sock")
    #expect(h.out.last == "0.000000 a        close(a) = 0")
    #expect(h.err.last?.hasPrefix("<repl>:4:7: error: cannot read 'nope.sock'") == true)
  }

  @Test(":reset, :explain, :quit and an unknown command")
  func metaCommands() {
    let h = Harness()
    h.enter("server listen 0", ":reset", ":state", ":explain on")
    #expect(h.out.suffix(2) == ["no sockets", "explain is on"])
    h.enter("server listen 0; client c1 connect; client c2 nonblock connect")
    #expect(h.out.last?.contains("why: unix_stream_connect") == true)
    h.enter(":stte")
    #expect(h.err.last?.contains("<repl>:6:1: note: did you mean ':state'?") == true)
    #expect(!h.engine.quitRequested)
    h.enter(":quit")
    #expect(h.engine.quitRequested)
  }

  @Test("Ctrl-C while a statement sleeps returns at once; the call finishes later")
  func interruptStopsTheWait() {
    let h = Harness()
    h.enter("server listen 0", "client c1 connect")
    h.onOutput = { [h] line in if line.contains("<blocked") { h.interrupt.raise() } }
    h.enter("client c2 sndtimeo 5s connect; c1 close")
    h.onOutput = { _ in }
    #expect(h.err.count == 1)
    #expect(h.err[0].hasPrefix("<repl>:3:1: error: interrupted"))
    #expect(h.engine.time == "0.000000")
    #expect(!h.out.contains { $0.contains("close(c1)") })
    h.enter("wait")
    #expect(h.out.last == "5.000000 c2       <... connect resumed> = -1 EAGAIN (Resource temporarily unavailable)")
  }

  @Test("Tab candidates: statement words and sockets, operations, errnos, commands, files")
  func completion() {
    let files: (String) -> [String] = { dir in dir == "" ? ["samples/", "seed.sock", ".hidden"] : ["seed/"] }
    func complete(_ text: String) -> Completion {
      Completion.complete(text, sockets: ["c1", "c2", "server"], files: files)
    }
    #expect(complete("c").candidates == ["c1", "c2", "client"])
    #expect(complete("server listen 0; c1 con").candidates == ["connect"])
    #expect(complete("c1 connect s").candidates == ["server"])
    #expect(complete("c1 connect = -1 EAG").candidates == ["EAGAIN"])
    #expect(complete("c1 shutdown r").candidates == ["rd", "rdwr"])
    #expect(complete(":ex").candidates == [":explain"])
    #expect(complete(":load s").candidates == ["samples/", "seed.sock"])
    #expect(complete(":load samples/s").candidates == ["samples/seed/"])
    #expect(complete(":ti").candidates == [":time", ":timeline"])
    #expect(complete(":timeline s").candidates == ["samples/", "seed.sock"])
    #expect(complete("server bind \"s").candidates.isEmpty)
    #expect(Completion(word: "c", candidates: ["c1", "c2"]).commonPrefix == "c")
  }

  @Test("continuation: a trailing backslash or an open brace asks for more")
  func continuation() {
    #expect(LineContinuation.join(nil, "server listen 0 \\") == ("server listen 0 ", false))
    #expect(
      LineContinuation.join("server listen 0 ", "; client c connect") == ("server listen 0  ; client c connect", true))
    #expect(LineContinuation.join(nil, "c sndtimeo {1,") == ("c sndtimeo {1,", false))
    #expect(LineContinuation.join("c sndtimeo {1,", "0}").complete)
    #expect(LineContinuation.join(nil, "bind \"{\\\\\"").complete)
    #expect(LineContinuation.join(nil, "c1 close # {").complete)
  }

  @Test("history: bounded, blank lines skipped, a repeated line moves to the end")
  func history() {
    var list = HistoryList(parsing: "a\n\nb\na\n", limit: 3)
    #expect(list.entries == ["b", "a"])
    list.add("c")
    list.add("  ")
    list.add("d")
    #expect(list.entries == ["a", "c", "d"])
    list.add("a")
    #expect(list.text == "c\nd\na\n")
  }
}

extension String {
  /// The REPL reports a call that would block forever and leaves it asleep; a replayed
  /// script, where it is a background call, prints no such report.
  fileprivate func replacingBlockedForever() -> String {
    split(separator: "\n", omittingEmptySubsequences: false).filter { !$0.contains("blocks forever") }
      .joined(separator: "\n")
  }
}
