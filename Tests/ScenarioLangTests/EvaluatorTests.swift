import SockKernel
import SyscallVocabulary
import Testing

@testable import ScenarioLang

@Suite("Evaluator")
struct EvaluatorTests {
  func run(_ text: String) -> (stdout: String, diagnostics: [Diagnostic], status: ScenarioLang.ExitStatus) {
    ScriptRunner.capture(SourceFile(name: "t.sock", text: text))
  }

  @Test("the seed line: second connect fails with EAGAIN at exactly 1.000000")
  func seedLine() {
    let r = run("server listen 0; client c1 sndtimeo 1s connect; c1 connect")
    #expect(r.status == ScenarioLang.ExitStatus.ok)
    #expect(
      r.stdout.hasSuffix("1.000000 c1       <... connect resumed> = -1 EAGAIN (Resource temporarily unavailable)\n"))
  }

  @Test("sndtimeo 0 blocks forever: a report and exit 2")
  func blocksForever() {
    let r = run("server listen 0; client c1 sndtimeo 0 connect; c1 connect")
    #expect(r.status == ScenarioLang.ExitStatus.blockedForever)
    #expect(r.stdout.contains("<... connect blocks forever on server.peer_wait"))
    #expect(r.diagnostics.first?.message == "c1 blocks forever in connect on server.peer_wait")
    #expect(r.diagnostics.first?.location?.column == 51)
  }

  @Test("a failed expectation: status 1, the run goes on")
  func failedExpectation() {
    let r = run("server listen 5\nclient c1 connect = -1 EAGAIN\nclient c2 connect = 0")
    #expect(r.status == ScenarioLang.ExitStatus.expectationFailed)
    #expect(r.diagnostics.map(\.message) == ["expected connect to return -1 EAGAIN, but it returned 0"])
    #expect(r.diagnostics.first?.location?.line == 2)
    #expect(r.stdout.contains("c2       connect"))
  }

  @Test("expected completion times are checked")
  func expectedTime() {
    #expect(
      run("server listen 0; client c1 sndtimeo 1s connect; c1 connect = EAGAIN at 1s").status
        == ScenarioLang.ExitStatus.ok)
    #expect(
      run("server listen 0; client c1 sndtimeo 1s connect; c1 connect = EAGAIN at 999ms").status
        == ScenarioLang.ExitStatus.expectationFailed)
  }

  @Test("unknown and duplicate names fail before anything runs")
  func names() {
    let unknown = run("server listen 0; c9 connect")
    #expect(unknown.status == ScenarioLang.ExitStatus.scriptError && unknown.stdout.isEmpty)
    let duplicate = run("client c1; client c1")
    #expect(duplicate.diagnostics.first?.message == "socket 'c1' is already declared")
  }

  @Test("same-instant order: an earlier-armed timer fires before a sleep that ends at the same time")
  func timerOrder() {
    let r = run(
      "server listen 0; client c0 connect; client c1 sndtimeo 1s connect = EAGAIN at 1s &; sleep 1s; server accept")
    #expect(r.status == ScenarioLang.ExitStatus.ok)
  }

  @Test("the same script prints byte-identical output every time")
  func deterministic() {
    let script =
      "server listen 0\nclient c0 connect\nclient c1 sndtimeo 1s connect &\nclient c2 sndtimeo 2s connect &\nsleep 10ms\nserver listen 2\n"
    let first = run(script).stdout
    for _ in 0..<5 { #expect(run(script).stdout == first) }
  }

  @Test("poll runs on the model: a fresh datagram socket is writable")
  func pollIsModelled() {
    let r = run("socket d dgram; d poll = [OUT]")
    #expect(r.status == ScenarioLang.ExitStatus.ok)
    #expect(r.stdout.contains("revents=POLLOUT"))
  }
}
