import Foundation
import SyscallVocabulary

@testable import ScenarioLang

/// What the timeline tests share: a run's events, and a timeline of them written to a
/// temporary file and read back.
enum TimelineFixtures {
  static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
    .deletingLastPathComponent()

  /// The events of a run of `text` on the model, in the trace's order.
  static func events(of text: String, name: String = "t") -> [TraceEvent] {
    final class Collected { var events: [TraceEvent] = [] }
    let collected = Collected()
    _ = ScriptRunner.run(
      SourceFile(name: name, text: text), output: { _ in }, report: { _ in },
      configure: { session in session.onTraceEvent = { collected.events.append($0) } })
    return collected.events
  }

  /// The events of a model run of `samples/…`.
  static func events(ofSample path: String) throws -> [TraceEvent] {
    events(of: try String(contentsOf: root.appendingPathComponent(path), encoding: .utf8), name: path)
  }

  /// A path in a fresh temporary directory, removed by `cleanUp`.
  static func temporaryDirectory() throws -> URL {
    let directory = FileManager.default.temporaryDirectory.appendingPathComponent(
      "timeline-tests-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
    return directory
  }

  /// `events` as a timeline file of `format`, read back.
  static func render(_ events: [TraceEvent], as format: TimelineFormat) throws -> String {
    try render(events, as: [format])[0]
  }

  /// `events` recorded once for several files, each read back.
  static func render(_ events: [TraceEvent], as formats: [TimelineFormat]) throws -> [String] {
    let directory = try temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: directory) }
    let paths = formats.map { directory.appendingPathComponent("timeline.\($0.rawValue)").path }
    let recorder = try TimelineRecorder(paths: paths)
    for event in events { recorder.record(event) }
    try recorder.finish()
    return try paths.map { try String(contentsOfFile: $0, encoding: .utf8) }
  }

  /// A hand-made event.
  static func event(
    _ kind: TraceEvent.Kind, at time: Nanoseconds, _ thread: String, pid: Int32 = 1, call: String? = nil,
    id: Int? = nil, started: Nanoseconds? = nil, by: String? = nil, queues: [String]? = nil,
    reason: String? = nil, _ text: String
  ) -> TraceEvent {
    var event = TraceEvent(kind: kind, time: time, thread: thread, pid: pid, text: text)
    event.call = call
    event.callID = id
    event.startedAt = started
    event.by = by
    event.queues = queues
    event.reason = reason
    if kind == .returned { event.result = 0 }
    return event
  }
}
