import SockKernel
import SyscallVocabulary
import Testing

@testable import ScenarioLang

@Suite("Limits")
struct LimitsTests {
  func run(_ text: String, _ change: (inout Limits) -> Void) -> (
    stdout: String, diagnostics: [Diagnostic], status: ScenarioLang.ExitStatus
  ) {
    var limits = Limits()
    change(&limits)
    return ScriptRunner.capture(SourceFile(name: "t.sock", text: text), limits: limits)
  }

  @Test("a location in the largest script --max-script-bytes allows is kept exactly")
  func largestLocation() {
    // 2^31 bytes, on one line: the farthest a line, column and offset can be.
    let far = 1 << 31
    let location = SourceLocation(line: far + 1, column: far + 1, offset: far)
    #expect((location.line, location.column, location.offset) == (far + 1, far + 1, far))
    #expect(location.description == "\(far + 1):\(far + 1)")
    #expect(SourceLocation(line: 1, column: 1, offset: far - 1) < location)
  }

  @Test("the defaults hold a million connections with both ends open")
  func defaults() {
    let limits = Limits()
    #expect(limits.maxSockets >= 2_000_001)
    #expect(limits.maxStatements >= 3_000_000)
    #expect(limits.maxScriptBytes >= 1_000_000 * "client c1000000 connect\n".utf8.count)
    #expect(limits.maxVirtualTime == 365 * 86_400 * 1_000_000_000)
    #expect(limits.maxProcesses >= 100_000)
  }

  @Test("the statement after the last allowed one is the error; the ones before ran")
  func statements() {
    let r = run("client a\nclient b\nclient c") { $0.maxStatements = 2 }
    #expect(r.status == .scriptError)
    #expect(r.stdout.split(separator: "\n").count == 2)
    #expect(r.diagnostics.map(\.location?.line) == [3])
    #expect(r.diagnostics.first?.noteMessages == ["raise the limit with --max-statements"])
  }

  @Test("the wake-up past the limit stops the run at once, at the statement running, untraced")
  func wakeups() {
    // 64 MiB through a 4608-byte send buffer: tens of thousands of turns in one statement.
    let script = "socketpair a b\na sndbuf 1\nb recv 64MiB waitall &\na send 64MiB"
    let r = run(script) { $0.maxWakeups = 3 }
    #expect(r.status == .scriptError)
    #expect(r.stdout.components(separatedBy: " woken by ").count - 1 == 3)
    #expect(!r.stdout.contains("resumed"))
    #expect(r.diagnostics.map(\.message) == ["too many wake-ups: this would be wake-up number 4, over the limit of 3"])
    #expect(r.diagnostics.first?.location?.line == 4)
    #expect(r.diagnostics.first?.noteMessages == ["raise the limit with --max-wakeups"])
    let enough = run(script) { $0.maxWakeups = 100_000 }
    #expect(enough.status == .ok)
    #expect(enough.stdout.hasSuffix("recv resumed> <67108864 bytes> = 67108864\n"))
  }

  @Test("a declaration over the socket limit is refused before its socket() call")
  func declaredSockets() {
    let r = run("client a; client b") { $0.maxSockets = 1 }
    #expect(r.status == .scriptError)
    #expect(!r.stdout.contains(" b "))
    #expect(r.diagnostics.first?.message.hasPrefix("too many sockets") == true)
    #expect(r.diagnostics.first?.location?.column == 18)
  }

  @Test("an accepted connection counts as a socket: the accept that passes the limit is the error")
  func acceptedSockets() {
    let r = run("server listen 5; client a connect; client b connect; server accept; server accept") {
      $0.maxSockets = 4
    }
    #expect(r.status == .scriptError)
    #expect(r.stdout.hasSuffix("server   accept(server) = 7\n"))
    #expect(r.diagnostics.first?.location?.column == 76)
  }

  @Test("the fork over the process limit is refused before it is made; so is the thread over the thread limit")
  func processesAndThreads() {
    let forks = run("fork a; fork b; fork c") { $0.maxProcesses = 2 }
    #expect(forks.status == .scriptError)
    #expect(forks.stdout.split(separator: "\n").count == 2)
    #expect(forks.diagnostics.first?.message == "too many processes: this would be fork number 3, over the limit of 2")
    #expect(forks.diagnostics.first?.location?.column == 17)
    #expect(forks.diagnostics.first?.noteMessages == ["raise the limit with --max-processes"])
    let threads = run("thread t; thread u; t: sleep 1ms") { $0.maxThreads = 1 }
    #expect(threads.status == .scriptError)
    #expect(threads.diagnostics.first?.message.hasPrefix("too many threads") == true)
    #expect(threads.diagnostics.first?.location?.column == 18)
  }

  @Test("the clock stops before a timer due past the limit, at the statement that waits for it")
  func virtualTime() {
    let r = run("sleep 2s\nsleep 1s") { $0.maxVirtualTime = 2_500_000_000 }
    #expect(r.status == .scriptError)
    #expect(r.diagnostics.first?.location?.line == 2)
    #expect(
      r.diagnostics.first?.message == "virtual time would pass the limit of 2 s: the next timer is due at 3.000000")
  }

  @Test("two sleeps to the end of 64-bit time stop at the limit instead of overflowing")
  func sleepToTheEndOfTime() {
    let r = run("sleep 9223372036854775807ns; sleep 9223372036854775807ns") { $0.maxVirtualTime = .max }
    #expect(r.status == .ok)
  }

  @Test("a script over the size limit is refused at its first byte past the limit")
  func scriptBytes() {
    let r = run("sleep 1s\nsleep 2s\n") { $0.maxScriptBytes = 12 }
    #expect(r.status == .scriptError)
    #expect(r.stdout.isEmpty)
    #expect(r.diagnostics.first?.location == SourceLocation(line: 2, column: 4, offset: 12))
  }

  @Test("a megabyte-long unknown name gets no suggestion, and costs no quadratic time")
  func longNameSuggestion() {
    let long = String(repeating: "x", count: 1 << 20)
    #expect(Parser.suggestion(for: long, among: [String(repeating: "x", count: (1 << 20) - 1)]).isEmpty)
    #expect(Parser.suggestion(for: "conect", among: ["connect"]) == ["did you mean 'connect'?"])
  }

  @Test("CRLF line ends: a diagnostic shows its own line, without the carriage return")
  func crlfLines() {
    let source = SourceFile(name: "t.sock", text: "server listen 1\r\nclient c1 conect\r\n")
    #expect(source.line(2) == "client c1 conect")
  }

  @Test("a line is found by its number: the first, the last, an empty one, and none past the end")
  func linesByNumber() {
    let source = SourceFile(name: "t.sock", text: "a\n\nnaïve c\nlast")
    #expect(source.line(1) == "a")
    #expect(source.line(2) == "")
    #expect(source.line(3) == "naïve c")
    #expect(source.line(4) == "last")
    #expect(source.line(5) == "" && source.line(0) == "")
    #expect(SourceFile(name: "t", text: "x\n").line(2) == "")
    #expect(SourceFile(name: "t", text: "").line(1) == "" && SourceFile(name: "t", text: "").line(2) == "")
    #expect(SourceFile(name: "t", text: "a\r\nb\r\n").line(1) == "a")
    #expect(SourceFile(name: "t", text: "a\r\nb").line(2) == "b")
    #expect(source.lines == ["a", "", "naïve c", "last"])
  }
}
