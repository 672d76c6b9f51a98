import Foundation
import Testing

@testable import ScenarioLang

/// Ctrl-C while a line runs: the rest of the line is dropped, and the session is exactly as
/// usable as before (no stale stop, no spent statement budget, no lost line).
@Suite("Interactive session: Ctrl-C")
struct ReplInterruptTests {
  typealias Harness = InteractiveSessionTests.Harness

  @Test("Ctrl-C in a long 'repeat' stops it; the next lines run as before")
  func interruptedLoop() {
    let h = Harness()
    var sockets = 0
    h.onOutput = { [h] line in
      if line.contains("socket(") { sockets += 1 }
      if sockets == 10 { h.interrupt.raise() }
    }
    h.enter("repeat 100000000 as i { client c$i }")
    h.onOutput = { _ in }
    #expect(sockets == 10)
    #expect(h.err.count == 1)
    #expect(h.err.first?.hasPrefix("<repl>:1:1: error: interrupted\n") == true)
    h.enter("client kept", "client next")
    #expect(h.err.count == 1)
    #expect(
      h.out.suffix(2) == [
        "0.000000 kept     socket(AF_UNIX, SOCK_STREAM, 0) = 13",
        "0.000000 next     socket(AF_UNIX, SOCK_STREAM, 0) = 14",
      ])
  }

  @Test("Ctrl-C stops a loop whose statements never wait for the model", .timeLimit(.minutes(2)))
  func interruptedBusyLoop() {
    // No statement limit to end the loop first: with the default one (10 million, some 6 s
    // of a debug build) a timer delayed that long on a loaded machine lost the race.
    var limits = Limits()
    limits.maxStatements = .max
    let h = Harness(limits: limits)
    let interrupt = h.interrupt
    DispatchQueue.global().asyncAfter(deadline: .now() + 0.2) { interrupt.raise() }
    h.enter("repeat 100000000 { ignore SIGPIPE }")
    #expect(h.err.count == 1, "\(h.err)")
    #expect(h.err.first?.hasPrefix("<repl>:1:1: error: interrupted\n") == true, "\(h.err)")
    h.enter("client c1")
    #expect(h.err.count == 1)
    #expect(h.out.last == "0.000000 c1       socket(AF_UNIX, SOCK_STREAM, 0) = 3")
  }

  @Test("the interrupted statement is saved as a background one, since its calls go on; the rest of its line is not")
  func savedAfterInterrupt() throws {
    let h = Harness()
    h.enter("server listen 0", "client c1 connect")
    h.onOutput = { [h] line in if line.contains("<blocked") { h.interrupt.raise() } }
    h.enter("client c2 connect; c1 close")
    h.onOutput = { _ in }
    h.enter(":save s.sock")
    let saved = try #require(h.files["s.sock"])
    #expect(saved.hasSuffix("client c1 connect\nclient c2 connect &\n"))
  }
}
