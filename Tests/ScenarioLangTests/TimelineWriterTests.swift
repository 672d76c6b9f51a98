import Foundation
import Testing

@testable import ScenarioLang

#if canImport(FoundationXML)
  import FoundationXML
#endif

/// What each timeline format holds, checked by parsing it back.
@Suite("Timeline files")
struct TimelineWriterTests {
  /// accept-wakes-one: c1's connect sleeps and is woken by the server's accept, c2's times out.
  static func wakeEvents() throws -> [TraceEvent] {
    try TimelineFixtures.events(ofSample: "samples/wakeups/accept-wakes-one.sock")
  }

  static func traceEvents(_ json: String) throws -> [[String: Any]] {
    let object = try JSONSerialization.jsonObject(with: Data(json.utf8))
    let top = try #require(object as? [String: Any])
    #expect(top["displayTimeUnit"] as? String == "ns")
    return try #require(top["traceEvents"] as? [[String: Any]])
  }

  @Test("JSON: metadata per process and thread, a complete slice per call, sleeps inside, flows, instants")
  func json() throws {
    let events = try Self.wakeEvents()
    let trace = try Self.traceEvents(try TimelineFixtures.render(events, as: .json))
    let threads = trace.filter { $0["ph"] as? String == "M" && $0["name"] as? String == "thread_name" }
    let names = threads.compactMap { ($0["args"] as? [String: Any])?["name"] as? String }
    #expect(names == ["server", "c0", "c1", "c2"])
    #expect(trace.contains { $0["ph"] as? String == "M" && $0["name"] as? String == "process_name" })
    func tid(_ thread: String) -> Int? {
      threads.first { ($0["args"] as? [String: Any])?["name"] as? String == thread }?["tid"] as? Int
    }
    let calls = trace.filter { $0["ph"] as? String == "X" && $0["cat"] as? String == "call" }
    #expect(calls.count == events.filter { $0.kind == .returned }.count)
    // c1's connect: from 0 to 200 ms, with its sleep over the same span, nested in it.
    let c1 = try #require(tid("c1"))
    let connect = try #require(
      calls.first { $0["tid"] as? Int == c1 && $0["name"] as? String == "connect" && ($0["dur"] as? Double ?? 0) > 0 })
    #expect(connect["ts"] as? Double == 0 && connect["dur"] as? Double == 200_000)
    let sleep = try #require(trace.first { $0["cat"] as? String == "sleep" && $0["tid"] as? Int == c1 })
    #expect(
      sleep["name"] as? String
        == "connect blocked on server.peer_wait: unix_stream_connect: unix_recvq_full: qlen 1 > sk_max_ack_backlog 0")
    let (callStart, callEnd) = (connect["ts"] as! Double, connect["ts"] as! Double + (connect["dur"] as! Double))
    let (sleepStart, sleepEnd) = (sleep["ts"] as! Double, sleep["ts"] as! Double + (sleep["dur"] as! Double))
    #expect(callStart <= sleepStart && sleepEnd <= callEnd)
    // A sleep that begins with its call comes after it in the file, so that viewers nest it.
    let callIndex = try #require(trace.firstIndex { ($0 as NSDictionary).isEqual(to: connect) })
    let sleepIndex = try #require(trace.firstIndex { ($0 as NSDictionary).isEqual(to: sleep) })
    #expect(callIndex < sleepIndex)
    // The wake-up: a flow from the server's track to c1's at 200 ms.
    let start = try #require(trace.first { $0["ph"] as? String == "s" })
    let finish = try #require(trace.first { $0["ph"] as? String == "f" })
    #expect(start["tid"] as? Int == tid("server") && finish["tid"] as? Int == c1)
    #expect(start["id"] as? Int == finish["id"] as? Int && finish["bp"] as? String == "e")
    #expect(start["ts"] as? Double == 200_000 && finish["ts"] as? Double == 200_000)
    #expect(start["cat"] as? String == "wake")
    // c2's timeout, an instant on its track at 1.048 s.
    let timeout = try #require(trace.first { $0["ph"] as? String == "i" })
    #expect(timeout["tid"] as? Int == tid("c2") && timeout["ts"] as? Double == 1_048_000)
    #expect(timeout["s"] as? String == "t")
  }

  @Test("JSON times are exact decimal microseconds, never with an exponent")
  func jsonTimes() throws {
    let events = [
      TimelineFixtures.event(.returned, at: 1_000_000_000_050, "t", call: "recv", id: 1, started: 5, "recv = 0"),
      TimelineFixtures.event(
        .returned, at: 1_000_000_000_050, "t", call: "send", id: 2, started: 1_000_000_000_050, "x"),
    ]
    let json = try TimelineFixtures.render(events, as: .json)
    #expect(json.contains("\"ts\":0.005,\"dur\":1000000000.045,"))
    #expect(json.contains("\"ts\":1000000000.05,\"dur\":0,"))
    #expect(!json.contains("e+") && !json.contains("E+"))
    #expect(TimelineNumbers.micros(1_000_000_050) == "1000000.05")
    #expect(TimelineNumbers.micros(-2_500) == "-2.5")
  }

  @Test("SVG: well-formed XML, a label per lane, an arrow per wake-up, a mark per instant")
  func svg() throws {
    let events = try Self.wakeEvents()
    let svg = try TimelineFixtures.render(events, as: .svg)
    let shapes = try SVGShapes(svg)
    #expect(shapes.labels == ["server", "c0", "c1", "c2"])
    #expect(shapes.count("line", class: "wake") == events.filter { $0.kind == .woken }.count)
    #expect(shapes.count("circle", class: "mark timed_out") == 1)
    #expect(shapes.count("rect", class: "sleep") == 2)
    #expect(
      shapes.count("rect", class: "call") + shapes.count("rect", class: "failed")
        == events.filter { $0.kind == .returned }.count)
    // Every drawn shape has its trace lines as a tooltip.
    #expect(shapes.untitled.isEmpty, "\(shapes.untitled)")
    // A call that takes no time is still 2 px wide.
    #expect(shapes.widths.min() == 2)
    #expect(shapes.ticks.first == "0" && (5...10).contains(shapes.ticks.count), "\(shapes.ticks)")
    #expect(svg.contains("marker-end=\"url(#arrow)\""))
    // It loads nothing: the only address is the SVG namespace's.
    #expect(svg.components(separatedBy: "http").count == 2 && !svg.contains("href"))
  }

  @Test("SVG: a forked process's lane says its pid; text is escaped")
  func svgEscapes() throws {
    let events = [
      TimelineFixtures.event(.returned, at: 0, "a&b", call: "send", id: 1, started: 0, "send(a, \"<x>'&'\") = 3"),
      TimelineFixtures.event(.process, at: 1_000, "child", pid: 2, "+++ exited with 0 +++"),
    ]
    let svg = try TimelineFixtures.render(events, as: .svg)
    let shapes = try SVGShapes(svg)
    #expect(shapes.labels == ["a&b", "child [pid 2]"])
    #expect(shapes.titles.contains("0.000000 send(a, \"<x>'&'\") = 3"))
    #expect(svg.contains("send(a, &quot;&lt;x&gt;&apos;&amp;&apos;&quot;) = 3"))
  }

  @Test("axis ticks: 1, 2 or 5 × 10^k, 5 to 10 of them, in readable units")
  func ticks() {
    for span: Int64 in [1, 7, 999, 1_000, 48_000, 1_048_000_000, 2_000_000_000, 123_456_789_012] {
      let step = TimelineNumbers.tickStep(span: span)
      var digits = step
      while digits % 10 == 0 { digits /= 10 }
      #expect([1, 2, 5].contains(digits), "\(span): \(step)")
      let count = span / step + 1
      #expect(count <= 10 && (count >= 5 || span < 4), "\(span): \(count) ticks")
    }
    #expect(TimelineNumbers.label(0) == "0")
    #expect(TimelineNumbers.label(250_000_000) == "250ms")
    #expect(TimelineNumbers.label(1_000_000_000) == "1s")
    #expect(TimelineNumbers.label(1_500_000_000) == "1.5s")
    #expect(TimelineNumbers.label(20_000) == "20us")
    #expect(TimelineNumbers.label(200) == "200ns")
  }

  @Test("Mermaid: each participant declared once, before its first line; sleeps as activations that close")
  func mermaid() throws {
    let events = try Self.wakeEvents()
    let text = try TimelineFixtures.render(events, as: .mmd)
    let lines = text.split(separator: "\n").map(String.init)
    #expect(lines.first == "sequenceDiagram")
    let declared = lines.filter { $0.hasPrefix("participant ") }
    #expect(declared == ["participant server", "participant c0", "participant c1", "participant c2"])
    var seen: Set<String> = []
    var active: [String: Int] = [:]
    for line in lines.dropFirst() {
      if line.hasPrefix("participant ") {
        seen.insert(String(line.dropFirst("participant ".count)))
        continue
      }
      if line.hasPrefix("activate ") {
        active[String(line.dropFirst("activate ".count)), default: 0] += 1
        continue
      }
      if line.hasPrefix("deactivate ") {
        let who = String(line.dropFirst("deactivate ".count))
        #expect(active[who, default: 0] > 0, "\(line) without activate")
        active[who, default: 0] -= 1
        continue
      }
      if line.hasPrefix("Note over ") {
        let who = String(line.dropFirst("Note over ".count).prefix { $0 != ":" })
        #expect(seen.contains(who), "\(line)")
        continue
      }
      // A message: `a->>b: TIME text` or `a-->>b: …`.
      let head = try #require(line.split(separator: ":", maxSplits: 1).first, "\(line)")
      let ends = head.components(separatedBy: "->>").map { $0.hasSuffix("-") ? String($0.dropLast()) : $0 }
      #expect(ends.count == 2 && ends.allSatisfy(seen.contains), "\(line)")
      let message = line.drop { $0 != ":" }.dropFirst(2)
      #expect(message.first?.isNumber == true, "a time first: \(line)")
    }
    #expect(active.values.allSatisfy { $0 == 0 })
    #expect(lines.filter { $0.hasPrefix("activate") }.count == 2)
    #expect(lines.contains("server-->>c1: 0.200000 wakes (server.peer_wait)"))
    #expect(lines.contains("Note over c2: 1.048000 #60;... connect timed out on server.peer_wait#62;"))
  }

  @Test("Mermaid: ; # < > and line breaks are escaped; names that are not identifiers get an alias")
  func mermaidEscapes() throws {
    let events = [
      TimelineFixtures.event(.returned, at: 0, "end", call: "send", id: 1, started: 0, "send(a; #1 <x>)"),
      TimelineFixtures.event(.returned, at: 0, "t1", call: "send", id: 2, started: 0, "x"),
      TimelineFixtures.event(.state, at: 0, "w-1", pid: 3, "line 1\nline 2"),
    ]
    let lines = try TimelineFixtures.render(events, as: .mmd).split(separator: "\n").map(String.init)
    #expect(
      lines == [
        "sequenceDiagram",
        "participant t1 as end",
        "t1->>t1: 0.000000 send(a#59; #35;1 #60;x#62;)",
        "participant t2 as t1",
        "t2->>t2: 0.000000 x",
        "participant t3 as w-1 [pid 3]",
        "Note over t3: 0.000000 line 1<br/>line 2",
      ])
  }
}

/// The parts of a timeline SVG the tests look at, read with XMLParser.
final class SVGShapes: NSObject, XMLParserDelegate {
  private(set) var labels: [String] = []
  private(set) var ticks: [String] = []
  private(set) var titles: [String] = []
  private(set) var widths: [Double] = []
  /// Drawn shapes (calls, sleeps, arrows, marks) without a title.
  private(set) var untitled: [String] = []
  private var elements: [(name: String, class: String)] = []
  private var stack: [(name: String, class: String, titled: Bool)] = []
  private var text = ""

  init(_ svg: String) throws {
    super.init()
    let parser = XMLParser(data: Data(svg.utf8))
    parser.delegate = self
    if !parser.parse() { throw parser.parserError ?? CocoaError(.fileReadCorruptFile) }
  }

  func count(_ name: String, class kind: String) -> Int {
    elements.filter { $0.name == name && $0.class == kind }.count
  }

  func parser(
    _ parser: XMLParser, didStartElement name: String, namespaceURI: String?, qualifiedName: String?,
    attributes: [String: String] = [:]
  ) {
    let kind = attributes["class"] ?? ""
    elements.append((name, kind))
    if name == "title", !stack.isEmpty { stack[stack.count - 1].titled = true }
    if name == "rect", kind != "lane0", kind != "lane1", let width = attributes["width"].flatMap(Double.init) {
      widths.append(width)
    }
    stack.append((name, kind, false))
    text = ""
  }

  func parser(_ parser: XMLParser, foundCharacters string: String) { text += string }

  func parser(_ parser: XMLParser, didEndElement name: String, namespaceURI: String?, qualifiedName: String?) {
    let element = stack.removeLast()
    switch (name, element.class) {
    case ("title", _): titles.append(text)
    case ("text", "label"): labels.append(text)
    case ("text", "tick"): ticks.append(text)
    case ("rect", _) where !element.class.hasPrefix("lane"), ("line", "wake"), ("circle", _):
      if !element.titled { untitled.append("\(name) \(element.class)") }
    default: break
    }
    text = ""
  }
}
