import SyscallVocabulary

/// The `.svg` timeline: a self-contained SVG 1.1 picture that any browser opens without a
/// network. A lane per thread, each call a rectangle from its start to its return, its
/// sleeps drawn inside it, a wake-up an arrow from the waker's lane to the woken one, the
/// instants (timeouts, signals, ends) small marks, and a time axis along the bottom. Every
/// shape has a `<title>` with its trace lines, which a browser shows as a tooltip.
///
/// A picture's scale needs the run's whole extent before its first shape, so during the
/// run each shape goes to a ``TimelineSpool`` as one short line in raw nanoseconds, and
/// ``finish(lanes:end:)`` streams the spool back once per layer, converting coordinates:
/// calls first, then their sleeps, then the arrows and marks. Memory stays bounded by the lanes.
final class SVGTimelineWriter: TimelineWriter {
  private let output: TimelineOutput
  private let spool: TimelineSpool

  var path: String { output.path }

  static let width = 1200
  static let plotLeft = 170
  static let plotRight = 1185
  static let top = 10
  static let laneHeight = 30
  /// The least width of a call or sleep, in hundredths of a pixel: a call that takes no
  /// time is still seen.
  static let leastWidth = 200

  init(path: String) throws(TimelineError) {
    output = try TimelineOutput(path: path)
    spool = try TimelineSpool(for: path)
  }

  func write(_ item: TimelineItem) {
    switch item {
    case .lane, .sleepStart:
      break
    case .call(let call):
      let kind = call.ending == .cutOff ? "cut" : call.errno == nil ? "call" : "failed"
      var lines = [call.lastLine]
      if let first = call.firstLine { lines.insert(first, at: 0) }
      spool.append("C \(call.lane) \(call.start) \(call.end) \(kind) \(Self.title(lines))")
    case .sleep(let sleep):
      var title = Self.escaped(sleep.why) + "&#10;" + Self.title([sleep.line])
      if let endLine = sleep.endLine { title += "&#10;" + Self.title([endLine]) }
      spool.append("S \(sleep.lane) \(sleep.start) \(sleep.end) \(title)")
    case .wake(let wake):
      spool.append(
        "W \(wake.from) \(wake.to) \(wake.time) \(Self.title([TimedLine(time: wake.time, text: wake.text)]))")
    case .instant(let instant):
      let title = Self.title([TimedLine(time: instant.time, text: instant.text)])
      spool.append("I \(instant.lane) \(instant.time) \(instant.kind.rawValue) \(title)")
    }
  }

  func finish(lanes: [TimelineLane], end: Nanoseconds) throws(TimelineError) {
    defer { spool.close() }
    // A run that takes no time is drawn over a microsecond, so that its axis still reads.
    let scale = Scale(extent: max(end, 1_000))
    let axisY = Self.top + lanes.count * Self.laneHeight + 10
    let height = axisY + 30
    output.write(
      """
      <?xml version="1.0" encoding="UTF-8"?>
      <svg xmlns="http://www.w3.org/2000/svg" version="1.1" width="\(Self.width)" height="\(height)" \
      viewBox="0 0 \(Self.width) \(height)">
      <title>sockscript timeline</title>
      <desc>\(lanes.count) threads, from 0 to \(TimelineNumbers.label(end))</desc>
      <defs>
      <style type="text/css"><![CDATA[
      text { font-family: sans-serif; font-size: 12px; fill: #222; }
      .lane0 { fill: #f4f6f8; } .lane1 { fill: #ffffff; }
      .call { fill: #9ecae1; stroke: #3182bd; stroke-width: 0.5; }
      .failed { fill: #fcae91; stroke: #de2d26; stroke-width: 0.5; }
      .cut { fill: #d9d9d9; stroke: #737373; stroke-width: 0.5; stroke-dasharray: 2,1; }
      .sleep { fill: #fdd0a2; stroke: #e6550d; stroke-width: 0.5; }
      .wake { stroke: #31a354; stroke-width: 1.5; }
      .mark { stroke: #252525; stroke-width: 0.5; fill: #756bb1; }
      .timed_out { fill: #e6550d; } .interrupted, .restarted { fill: #dd1c77; }
      .process, .blocks_forever { fill: #252525; } .kernel, .state { fill: #ffffbf; }
      .grid { stroke: #e0e0e0; stroke-width: 1; } .axis { stroke: #444; stroke-width: 1; }
      .tick { font-size: 11px; text-anchor: middle; }
      ]]></style>
      <marker id="arrow" viewBox="0 0 10 10" refX="10" refY="5" markerWidth="7" markerHeight="7" orient="auto">
      <path d="M0,0 L10,5 L0,10 z" fill="#31a354"/>
      </marker>
      </defs>

      """)
    for lane in lanes {
      let y = Self.laneTop(lane.index)
      let label = Self.escaped(lane.label)
      output.write(
        "<rect class=\"lane\(lane.index % 2)\" x=\"0\" y=\"\(y)\" width=\"\(Self.width)\" height=\"\(Self.laneHeight)\">"
          + "<title>\(label)</title></rect>\n"
          + "<text class=\"label\" x=\"8\" y=\"\(y + 19)\"><title>\(label)</title>\(label)</text>\n")
    }
    let step = TimelineNumbers.tickStep(span: scale.extent)
    var ticks: [(ns: Nanoseconds, x: Pixels)] = []
    var tick: Nanoseconds = 0
    while tick <= scale.extent {
      ticks.append((tick, scale.x(tick)))
      tick += step
    }
    for (_, x) in ticks {
      output.write("<line class=\"grid\" x1=\"\(x)\" y1=\"\(Self.top)\" x2=\"\(x)\" y2=\"\(axisY)\"/>\n")
    }
    // Calls first, then their sleeps over them, then the arrows and marks over both.
    var read = true
    for layer: Set<Character> in [["C"], ["S"], ["W", "I"]] {
      read =
        read
        && spool.forEachLine { line in
          if let kind = line.first, layer.contains(kind) { output.write(Self.shape(line, scale: scale)) }
        }
    }
    guard read else {
      try? output.close()
      throw .cannotWrite(path: path, reason: "the temporary file could not be read back")
    }
    output.write(
      "<line class=\"axis\" x1=\"\(Pixels(Self.plotLeft * 100))\" y1=\"\(axisY)\" "
        + "x2=\"\(Pixels(Self.plotRight * 100))\" y2=\"\(axisY)\"/>\n")
    for (ns, x) in ticks {
      output.write(
        "<line class=\"axis\" x1=\"\(x)\" y1=\"\(axisY)\" x2=\"\(x)\" y2=\"\(axisY + 5)\"/>"
          + "<text class=\"tick\" x=\"\(x)\" y=\"\(axisY + 18)\">\(TimelineNumbers.label(ns))</text>\n")
    }
    output.write("</svg>\n")
    try output.close()
  }

  /// One spooled line as SVG.
  static func shape(_ line: Substring, scale: Scale) -> String {
    let fields = line.split(separator: " ", maxSplits: 5, omittingEmptySubsequences: false)
    func int(_ index: Int) -> Int64 { index < fields.count ? Int64(fields[index]) ?? 0 : 0 }
    func text(_ index: Int) -> Substring { index < fields.count ? fields[index] : "" }
    /// The rest of the line from field `index`: the title, which may hold spaces.
    func rest(_ index: Int) -> Substring {
      let parts = line.split(separator: " ", maxSplits: index, omittingEmptySubsequences: false)
      return parts.count > index ? parts[index] : ""
    }
    switch line.first {
    case "C":
      let lane = Int(int(1))
      let (x, width) = scale.shape(from: int(2), to: int(3))
      return "<rect class=\"\(text(4))\" x=\"\(x)\" y=\"\(laneTop(lane) + 5)\" width=\"\(width)\" height=\"20\">"
        + "<title>\(rest(5))</title></rect>\n"
    case "S":
      let lane = Int(int(1))
      let (x, width) = scale.shape(from: int(2), to: int(3))
      return "<rect class=\"sleep\" x=\"\(x)\" y=\"\(laneTop(lane) + 9)\" width=\"\(width)\" height=\"12\">"
        + "<title>\(rest(4))</title></rect>\n"
    case "W":
      let from = Int(int(1))
      let to = Int(int(2))
      let x = scale.x(int(3))
      let y1 = laneTop(from) + (from == to ? 0 : laneHeight / 2)
      let y2 = to >= from ? laneTop(to) + 5 : laneTop(to) + 25
      return "<line class=\"wake\" x1=\"\(x)\" y1=\"\(y1)\" x2=\"\(x)\" y2=\"\(y2)\" marker-end=\"url(#arrow)\">"
        + "<title>\(rest(4))</title></line>\n"
    case "I":
      let lane = Int(int(1))
      return "<circle class=\"mark \(text(3))\" cx=\"\(scale.x(int(2)))\" cy=\"\(laneTop(lane) + 15)\" r=\"4\">"
        + "<title>\(rest(4))</title></circle>\n"
    default:
      return ""
    }
  }

  static func laneTop(_ lane: Int) -> Int { top + lane * laneHeight }

  /// Trace lines as a title: each with its time, escaped, on lines of its own.
  static func title(_ lines: [TimedLine]) -> String {
    lines.map { TraceFormatter.time($0.time) + " " + escaped($0.text) }.joined(separator: "&#10;")
  }

  /// `text` as XML character data or an attribute's value, line breaks as references (so a
  /// spooled line stays one line).
  static func escaped(_ text: String) -> String { XMLText.escaped(text) }

  /// Time to the picture's x, in hundredths of a pixel.
  struct Scale {
    /// The time the plot's width stands for, from 0.
    let extent: Nanoseconds

    func hundredths(_ ns: Nanoseconds) -> Int {
      let width = Double((SVGTimelineWriter.plotRight - SVGTimelineWriter.plotLeft) * 100)
      let clamped = min(max(ns, 0), extent)
      return SVGTimelineWriter.plotLeft * 100 + Int((Double(clamped) * width / Double(extent)).rounded())
    }

    func x(_ ns: Nanoseconds) -> Pixels { Pixels(hundredths(ns)) }

    /// A shape's x and width, at least ``SVGTimelineWriter/leastWidth``.
    func shape(from start: Nanoseconds, to end: Nanoseconds) -> (Pixels, Pixels) {
      let left = hundredths(start)
      return (Pixels(left), Pixels(max(hundredths(end) - left, SVGTimelineWriter.leastWidth)))
    }
  }

  /// A length in hundredths of a pixel, written as an exact decimal (`172.5`).
  struct Pixels: CustomStringConvertible {
    let hundredths: Int
    init(_ hundredths: Int) { self.hundredths = hundredths }
    var description: String { TimelineNumbers.decimal(Int64(hundredths), digits: 2) }
  }
}
