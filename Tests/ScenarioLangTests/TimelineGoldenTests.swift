import Foundation
import Testing

@testable import ScenarioLang

/// Tests/Timelines/ holds, for a few samples, the three timeline files the writers make
/// from the model's run of it; a change to the writers shows here as a diff to review.
/// To accept one, regenerate them:
///
///     SOCKSCRIPT_UPDATE_TIMELINES=1 swift test --filter TimelineGoldenTests
@Suite("Timeline golden files")
struct TimelineGoldenTests {
  static let samples = [
    "samples/seed/sndtimeo-1s.sock",
    "samples/wakeups/accept-wakes-one.sock",
    "samples/signals/recv-restart.sock",
    "samples/processes/seed-fork.sock",
    "samples/epoll/two-waiters-one-event-et.sock",
  ]

  static let directory = TimelineFixtures.root.appendingPathComponent("Tests/Timelines")

  static var updating: Bool { ProcessInfo.processInfo.environment["SOCKSCRIPT_UPDATE_TIMELINES"] == "1" }

  /// `samples/seed/sndtimeo-1s.sock` → `sndtimeo-1s`.
  static func name(_ sample: String) -> String {
    URL(fileURLWithPath: sample).deletingPathExtension().lastPathComponent
  }

  @Test("each sample's timelines are the golden files, byte for byte", arguments: samples)
  func matches(_ sample: String) throws {
    let events = try TimelineFixtures.events(ofSample: sample)
    let formats = TimelineFormat.allCases
    // One recorder for the three files, as `--timeline` given three times makes.
    let made = try TimelineFixtures.render(events, as: formats)
    for (format, text) in zip(formats, made) {
      let golden = Self.directory.appendingPathComponent("\(Self.name(sample)).\(format.rawValue)")
      if Self.updating {
        try FileManager.default.createDirectory(at: Self.directory, withIntermediateDirectories: true)
        try text.write(to: golden, atomically: true, encoding: .utf8)
        continue
      }
      let expected = try String(contentsOf: golden, encoding: .utf8)
      #expect(
        text == expected,
        """
        Tests/Timelines/\(golden.lastPathComponent) differs from what the writers make of \(sample) now. \
        If the change is meant, regenerate the golden files with \
        `SOCKSCRIPT_UPDATE_TIMELINES=1 swift test --filter TimelineGoldenTests` and review their diff.
        """)
    }
  }

  @Test("the same events give the same bytes")
  func stable() throws {
    let events = try TimelineFixtures.events(ofSample: Self.samples[1])
    let once = try TimelineFixtures.render(events, as: TimelineFormat.allCases)
    let again = try TimelineFixtures.render(events, as: TimelineFormat.allCases)
    #expect(once == again)
  }

  @Test(
    "a golden SVG renders in headless Chromium to a picture that is not blank",
    .enabled(if: FileManager.default.isExecutableFile(atPath: "/usr/bin/chromium")),
    .timeLimit(.minutes(2)))
  func rendersInChromium() throws {
    let work = try TimelineFixtures.temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: work) }
    let blank = work.appendingPathComponent("blank.svg")
    try """
    <?xml version="1.0" encoding="UTF-8"?>
    <svg xmlns="http://www.w3.org/2000/svg" version="1.1" width="1200" height="110"></svg>

    """.write(to: blank, atomically: true, encoding: .utf8)
    let golden = Self.directory.appendingPathComponent("sndtimeo-1s.svg")
    let picture = try Self.screenshot(golden, in: work, as: "golden.png")
    let empty = try Self.screenshot(blank, in: work, as: "blank.png")
    #expect(picture.starts(with: [0x89, 0x50, 0x4E, 0x47]), "a PNG")
    // A page of one colour compresses to almost nothing; lanes, rectangles and labels do not.
    #expect(picture.count > empty.count * 3 / 2, "\(picture.count) bytes against a blank page's \(empty.count)")
  }

  /// `svg` as Chromium draws it in a 1200×600 window: the PNG's bytes.
  static func screenshot(_ svg: URL, in work: URL, as name: String) throws -> Data {
    let png = work.appendingPathComponent(name)
    let chromium = Process()
    chromium.executableURL = URL(fileURLWithPath: "/usr/bin/chromium")
    chromium.arguments = [
      "--headless", "--no-sandbox", "--disable-gpu", "--hide-scrollbars", "--user-data-dir=\(work.path)/profile",
      "--screenshot=\(png.path)", "--window-size=1200,600", svg.absoluteString,
    ]
    chromium.standardOutput = FileHandle.nullDevice
    chromium.standardError = FileHandle.nullDevice
    try chromium.run()
    let deadline = Date().addingTimeInterval(90)
    while chromium.isRunning, Date() < deadline { Thread.sleep(forTimeInterval: 0.1) }
    if chromium.isRunning {
      chromium.terminate()
      chromium.waitUntilExit()
      Issue.record("chromium took more than 90 s")
    }
    return try Data(contentsOf: png)
  }
}

/// Every sample, drawn: the files parse back and no call is left held.
@Suite("Timelines of every sample")
struct TimelineEverySampleTests {
  @Test("every sample's JSON and SVG parse, and its Mermaid's activations close")
  func everySample() throws {
    let samples = try FileManager.default.subpathsOfDirectory(
      atPath: TimelineFixtures.root.appendingPathComponent("samples").path
    ).filter { $0.hasSuffix(".sock") }.sorted()
    #expect(samples.count > 100)
    for sample in samples {
      let events = try TimelineFixtures.events(ofSample: "samples/" + sample)
      let files = try TimelineFixtures.render(events, as: TimelineFormat.allCases)
      _ = try JSONSerialization.jsonObject(with: Data(files[0].utf8))
      _ = try SVGShapes(files[1])
      let lines = files[2].split(separator: "\n")
      let opened = lines.filter { $0.hasPrefix("activate ") }.count
      #expect(opened == lines.filter { $0.hasPrefix("deactivate ") }.count, "\(sample)")
      var assembler = TimelineAssembler()
      for event in events { assembler.take(event) { _ in } }
      assembler.finish { _ in }
      #expect(assembler.openCallCount == 0, "\(sample)")
    }
  }
}
