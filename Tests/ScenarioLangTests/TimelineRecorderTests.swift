import Foundation
import Testing

@testable import ScenarioLang

/// The recorder's shape: files picked by extension, opened before the run, and memory
/// bounded by the calls in flight.
@Suite("Timeline recorder")
struct TimelineRecorderTests {
  @Test("the extension picks the format, in any case; any other extension is none")
  func formatByExtension() {
    #expect(TimelineFormat(path: "run.json") == .json)
    #expect(TimelineFormat(path: "/tmp/a.b/run.SVG") == .svg)
    #expect(TimelineFormat(path: "docs/run.mmd") == .mmd)
    for path in ["run.png", "run", "run.json.txt", "dir.svg/run", ".svg", "run.", ""] {
      #expect(TimelineFormat(path: path) == nil, "\(path)")
    }
  }

  @Test("an unknown extension or a file that cannot be written fails when the recorder is made")
  func failsUpFront() throws {
    let directory = try TimelineFixtures.temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: directory) }
    let good = directory.appendingPathComponent("ok.json").path
    #expect(throws: TimelineError.unknownFormat(path: "x.png")) { try TimelineRecorder(paths: [good, "x.png"]) }
    // Nothing is opened when an extension is wrong.
    #expect(!FileManager.default.fileExists(atPath: good))
    #expect(throws: TimelineError.repeatedPath(path: good)) { try TimelineRecorder(paths: [good, good]) }
    do {
      _ = try TimelineRecorder(paths: [good, "/proc/x/y.svg"])
      Issue.record("an unwritable file was accepted")
    } catch {
      #expect(error.path == "/proc/x/y.svg")
      #expect(error.description.hasPrefix("cannot write timeline file '/proc/x/y.svg': "), "\(error)")
    }
  }

  @Test("the error messages name the file")
  func messages() {
    #expect(
      TimelineError.unknownFormat(path: "a.png").description
        == "timeline file 'a.png': unknown extension (use .json, .svg, .mmd)")
    #expect(
      TimelineError.cannotWrite(path: "a.svg", reason: "No space left on device").description
        == "writing timeline file 'a.svg' failed: No space left on device")
  }

  @Test("a recorder with no files records nothing and finishes")
  func noFiles() throws {
    let recorder = try TimelineRecorder(paths: [])
    for event in TimelineFixtures.events(of: "socketpair a b; a send \"x\"; b recv 1") { recorder.record(event) }
    try recorder.finish()
    #expect(recorder.openCallCount == 0)
  }

  @Test("100 000 events: the recorder holds no call once each returned, and the files stay streamed")
  func boundedMemory() throws {
    let directory = try TimelineFixtures.temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: directory) }
    let paths = TimelineFormat.allCases.map { directory.appendingPathComponent("big.\($0.rawValue)").path }
    let recorder = try TimelineRecorder(paths: paths)
    var most = 0
    // 25 000 calls that sleep: blocked, woken by another thread, returned; then a quick call.
    for n in 0..<25_000 {
      let t = Int64(n) * 1_000
      let id = 2 * n + 1
      recorder.record(
        TimelineFixtures.event(
          .blocked, at: t, "r", call: "recv", id: id, queues: ["b.wq"], reason: "empty", "recv(b) <blocked>"))
      most = max(most, recorder.openCallCount)
      recorder.record(
        TimelineFixtures.event(
          .woken, at: t + 500, "r", call: "recv", id: id, by: "w", queues: ["b.wq"], "<... recv woken>"))
      recorder.record(
        TimelineFixtures.event(.returned, at: t + 500, "r", call: "recv", id: id, started: t, "<... recv resumed>"))
      recorder.record(
        TimelineFixtures.event(.returned, at: t + 500, "w", call: "send", id: id + 1, started: t + 500, "send = 1"))
    }
    #expect(most == 1)
    #expect(recorder.openCallCount == 0)
    try recorder.finish()
    let json = try String(contentsOfFile: paths[0], encoding: .utf8)
    #expect(json.hasSuffix("],\"displayTimeUnit\":\"ns\"}\n"))
    let svg = try String(contentsOfFile: paths[1], encoding: .utf8)
    #expect(svg.components(separatedBy: "<line class=\"wake\"").count - 1 == 25_000)
  }

  @Test("a call a process's end cuts off ends there; one that blocks forever ends with the run")
  func cutOff() throws {
    let events = try TimelineFixtures.events(ofSample: "samples/processes/kill-blocked-child.sock")
    var assembler = TimelineAssembler()
    var calls: [TimelineCall] = []
    for event in events {
      assembler.take(event) { if case .call(let call) = $0 { calls.append(call) } }
    }
    #expect(assembler.openCallCount == 0)
    let accept = try #require(calls.first { $0.name == "accept" && $0.ending == .cutOff })
    #expect(accept.start == 0 && accept.end == 100_000_000)
    #expect(accept.lastLine.text == "+++ killed by SIGTERM +++")

    var forever = TimelineAssembler()
    calls = []
    for event in TimelineFixtures.events(of: "socketpair a b\nsleep 5ms\nb recv 1 &\nsleep 2ms\n") {
      forever.take(event) { if case .call(let call) = $0 { calls.append(call) } }
    }
    #expect(forever.openCallCount == 1)
    forever.finish { if case .call(let call) = $0 { calls.append(call) } }
    let recv = try #require(calls.last)
    #expect(recv.name == "recv" && recv.ending == .cutOff)
    #expect(recv.end == forever.end && recv.end > recv.start)
    #expect(forever.openCallCount == 0)
  }
}
