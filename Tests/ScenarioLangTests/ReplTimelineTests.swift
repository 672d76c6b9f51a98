import Foundation
import Testing

@testable import ScenarioLang

/// The REPL's `:timeline FILE`: the session so far, drawn as `run --timeline` draws a run.
@Suite(":timeline in the REPL")
struct ReplTimelineTests {
  typealias Harness = InteractiveSessionTests.Harness

  func temporary(_ name: String) -> String {
    NSTemporaryDirectory() + "sockscript-repl-timeline-\(getpid())-" + name
  }

  @Test(":timeline FILE draws every event since the start, the same file run --timeline writes")
  func drawsTheSession() throws {
    let path = temporary("session.mmd")
    defer { try? FileManager.default.removeItem(atPath: path) }
    let h = Harness()
    h.enter("server listen 0", "client c1 sndtimeo 1s connect", "c1 connect", ":timeline \(path)")
    #expect(h.err.isEmpty, "\(h.err)")
    #expect(h.out.last == "drew 9 events in \(path)")
    let drawn = try String(contentsOfFile: path, encoding: .utf8)
    #expect(drawn.hasPrefix("sequenceDiagram\n"))
    #expect(drawn.contains("Note over c1: 1.000000 #60;... connect timed out on server.peer_wait#62;"))
    // The same script run whole draws the same picture.
    let recorder = try TimelineRecorder(paths: [path + ".run.mmd"])
    defer { try? FileManager.default.removeItem(atPath: path + ".run.mmd") }
    _ = ScriptRunner.run(
      SourceFile(name: "s", text: "server listen 0\nclient c1 sndtimeo 1s connect\nc1 connect\n"), output: { _ in },
      report: { _ in }, configure: { $0.onTraceEvent = recorder.record })
    try recorder.finish()
    #expect(try String(contentsOfFile: path + ".run.mmd", encoding: .utf8) == drawn)
  }

  @Test(":reset forgets the events; a bad extension or an unwritable file is an error at the argument")
  func resetAndErrors() throws {
    let path = temporary("after-reset.json")
    defer { try? FileManager.default.removeItem(atPath: path) }
    let h = Harness()
    h.enter("socketpair a b", ":reset", ":timeline \(path)")
    #expect(h.out.last == "drew 0 events in \(path)")
    h.enter(":timeline run.png")
    #expect(h.err.last?.contains(":timeline draws .json, .svg or .mmd") == true)
    h.enter(":timeline /proc/no/such/dir.svg")
    #expect(h.err.last?.contains("cannot write timeline file '/proc/no/such/dir.svg'") == true)
    h.enter(":timeline")
    #expect(h.err.last?.contains(":timeline needs a file name") == true)
  }
}
