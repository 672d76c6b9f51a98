import SyscallVocabulary
import Testing

@testable import ScenarioLang

/// Every event's trace text comes from TraceFormatter, with the names the session resolved.
@Suite("Trace text of events")
struct TraceFormatterEventTests {
  static let recv = Syscall.recv(fd: 4, length: 5, flags: MessageFlags(rawValue: 0))
  static let connect = Syscall.connect(fd: 4, address: .filesystem("server.sock"))

  @Test("a return shows the call, its result, and what it created; a resumed one its data")
  func returned() {
    let accepted = TraceFormatter.returned(
      .accept(fd: 3, flags: 0), .success(5), resumed: false, call: "accept(server)", name: { "\($0)" },
      created: "s0", sender: nil)
    #expect(accepted.head == "accept(server)" && accepted.tail == " = 5 (as s0)")
    var outcome = SyscallOutcome.success(2)
    outcome.data = .bytes(Array("hi".utf8))
    let resumed = TraceFormatter.returned(
      Self.recv, outcome, resumed: true, call: "not shown", name: { "\($0)" }, created: nil,
      sender: .filesystem("a.sock"))
    #expect(resumed.head + resumed.tail == #"<... recv resumed> "hi" = 2 (from "a.sock")"#)
    #expect(resumed.tail == #" = 2 (from "a.sock")"#)
  }

  @Test("a sleep: with where it sleeps, without (the real kernel's), and again after a wake-up")
  func blocked() {
    #expect(
      TraceFormatter.blocked(Self.connect, call: "connect(c1, \"server.sock\")", again: false, how: nil)
        == #"connect(c1, "server.sock") <blocked>"#)
    #expect(
      TraceFormatter.blocked(Self.connect, call: "x", again: true, how: "on server.peer_wait, no timeout")
        == "<... connect blocked again on server.peer_wait, no timeout>")
  }

  @Test("wake-ups, timeouts, signals and a sleep that never ends")
  func others() {
    #expect(TraceFormatter.woken(Self.recv, by: "a", on: "b.wq") == "<... recv woken by a on b.wq>")
    #expect(TraceFormatter.timedOut(Self.recv, on: "") == "<... recv timed out>")
    #expect(TraceFormatter.timedOut(Self.recv, on: "b.wq") == "<... recv timed out on b.wq>")
    #expect(TraceFormatter.interrupted(Self.recv, by: .SIGUSR1) == "<... recv interrupted by SIGUSR1>")
    #expect(
      TraceFormatter.restarted(Self.recv, after: .SIGUSR2) == "<... recv restarted: the SIGUSR2 handler has SA_RESTART>"
    )
    #expect(
      TraceFormatter.blocksForever(Self.recv, on: "b.wq")
        == "<... recv blocks forever on b.wq: no timeout, and no task or timer left to wake it>")
  }

  @Test("--explain's line is indented past the time and actor columns")
  func why() {
    let line = TraceFormatter.why(Reason("unix_accept", "queue empty"))
    #expect(line == String(repeating: " ", count: 19) + "why: unix_accept: queue empty")
  }
}
