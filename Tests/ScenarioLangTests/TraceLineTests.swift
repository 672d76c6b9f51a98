import SyscallVocabulary
import Testing

@testable import ScenarioLang

/// A trace line's first two columns: the time (seconds and microseconds) and the thread's
/// name padded to 8 columns, written straight into the string.
@Suite("Trace line columns")
struct TraceLineTests {
  @Test(
    "time: seconds, a point and six digits of microseconds; a sign before a negative one",
    arguments: [
      (0, "0.000000"), (999, "0.000000"), (1_000, "0.000001"), (1_000_000_000, "1.000000"),
      (12_345_678_901, "12.345678"), (-6_000_000, "-0.006000"),
      (Int64.max, "9223372036.854775"), (Int64.min, "-9223372036.854775"),
    ])
  func time(ns: Int64, text: String) {
    #expect(TraceFormatter.time(ns) == text)
  }

  @Test("line: the name padded to 8 columns, counted in characters; a longer name as it is")
  func line() {
    #expect(TraceFormatter.line(1_000, "c1", "close(c1) = 0") == "0.000001 c1       close(c1) = 0")
    #expect(TraceFormatter.line(0, "listener1", "x") == "0.000000 listener1 x")
    #expect(TraceFormatter.line(0, "naïve", "x") == "0.000000 naïve    x")
    #expect(TraceFormatter.line(0, "exactly8", "") == "0.000000 exactly8 ")
  }

  /// A returned call's line is printed without its event when nothing takes the events
  /// (no observer, no filter): the two ways must print the same lines.
  @Test("a returned call's lines are the same with an observer of the events and without")
  func linesWithAndWithoutObserver() {
    let source = SourceFile(
      name: "t",
      text: #"""
        server listen 1; client c connect; server accept as s; c send "a\"\n\x01" = 4
        s recv 9 = "a\"\n\x01"; c connect = EISCONN; fork w; w: s send "x"
        """#)
    func run(observing: Bool) -> (lines: [String], events: [TraceEvent]) {
      final class Taken {
        var lines: [String] = []
        var events: [TraceEvent] = []
      }
      let taken = Taken()
      _ = ScriptRunner.run(
        source, explain: true, output: { taken.lines.append($0) }, report: { _ in },
        configure: { session in
          if observing { session.onTraceEvent = { taken.events.append($0) } }
        })
      return (taken.lines, taken.events)
    }
    let plain = run(observing: false)
    let observed = run(observing: true)
    #expect(plain.lines == observed.lines)
    #expect(plain.lines.contains { $0.hasSuffix(#"send(c, "a\"\n\x01", 4, 0) = 4"#) })
    #expect(plain.lines.contains { $0.hasSuffix("why: unix_stream_connect: sk_state is TCP_ESTABLISHED") })
    #expect(plain.lines.contains { $0.hasSuffix(#"[pid 2] send(s, "x", 1, 0) = 1"#) })
    let returned = observed.events.filter { $0.kind == .returned }
    #expect(returned.count == 11)
    #expect(returned.contains { $0.errno == "EISCONN" && $0.reason != nil })
  }

  /// The command line takes returned calls' lines as bytes (``ScenarioSession/lineSink``):
  /// they must be the lines `output` would have had, in the same order among the others,
  /// each followed by a NUL for `puts`.
  @Test("the lines given as bytes are the lines given as strings, in order, each followed by a NUL")
  func linesAsBytes() {
    let source = SourceFile(
      name: "t",
      text: #"""
        server listen 1; client c1 sndtimeo 10ms connect; client c2 sndtimeo 10ms connect
        client c3 sndtimeo 10ms connect = EAGAIN; server accept as s; fork w; w: s send "x" = 1
        """#)
    final class Taken {
      var lines: [String] = []
      var unterminated = 0
    }
    func run(bytes: Bool) -> Taken {
      let taken = Taken()
      _ = ScriptRunner.run(
        source, output: { taken.lines.append($0) }, report: { _ in },
        configure: { session in
          guard bytes else { return }
          session.lineSink = { line in
            if line.baseAddress![line.count] != 0 { taken.unterminated += 1 }
            taken.lines.append(String(decoding: line, as: UTF8.self))
          }
        })
      return taken
    }
    let strings = run(bytes: false)
    let bytes = run(bytes: true)
    #expect(bytes.lines == strings.lines)
    #expect(bytes.unterminated == 0)
    #expect(strings.lines.contains { $0 == "0.000000 c1       connect(c1, \"server.sock\") = 0" })
    let blocked = #"<blocked on server.peer_wait, exclusive, 3 jiffies, until 0.012000>"#
    #expect(strings.lines.contains { $0.hasSuffix(blocked) })
    let resumed = "<... connect resumed> = -1 EAGAIN (Resource temporarily unavailable)"
    #expect(strings.lines.contains { $0.hasSuffix(resumed) })
    #expect(strings.lines.contains { $0.hasSuffix(#"[pid 2] send(s, "x", 1, 0) = 1"#) })
  }

  @Test(
    "a result after the call: ' = ' and the value's digits, or the errno and its message",
    arguments: [
      (SyscallOutcome.success(0), " = 0"), (.success(7), " = 7"), (.success(-12), " = -12"),
      (.success(1_234_567_890_123), " = 1234567890123"), (.success(Int64.min), " = -9223372036854775808"),
      (SyscallOutcome(value: -1, errno: .EAGAIN), " = -1 EAGAIN (Resource temporarily unavailable)"),
    ])
  func resultTail(outcome: SyscallOutcome, text: String) {
    #expect(TraceFormatter.resultTail(outcome) == text)
  }
}
