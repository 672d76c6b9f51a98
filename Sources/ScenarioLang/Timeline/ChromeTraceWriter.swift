import SyscallVocabulary

/// The `.json` timeline: Chrome's trace-event format, which the Perfetto UI and
/// chrome://tracing open. A track per thread (`tid`), grouped by process (`pid`); a call is
/// a complete slice (`X`, cat `call`), each of its sleeps a slice inside it (cat `sleep`)
/// named for why it sleeps; a wake-up a flow arrow (`s` on the waker, `f` on the woken);
/// timeouts, signals, process ends and the kernel's lines are instants (`i`). Times are
/// microseconds written as exact decimals, from the trace's nanoseconds.
///
/// Streamed: each slice is written when it is complete, and nothing is kept but the few
/// sleeps that must follow their call in the file (see ``write(_:)``).
final class ChromeTraceWriter: TimelineWriter {
  private let output: TimelineOutput
  private var first = true
  private var processes: Set<Int32> = []
  /// Each lane's process, by lane.
  private var pids: [Int32] = []
  /// Sleeps that began with their call, held until the call is written: a viewer nests two
  /// slices that begin together in the order of the file, so the call must come first.
  private var held: [Int: [TimelineSleep]] = [:]
  /// Past this many held sleeps a call's further ones are written at once (they still nest,
  /// in a viewer that breaks ties by length).
  static let heldLimit = 64

  var path: String { output.path }

  init(path: String) throws(TimelineError) {
    output = try TimelineOutput(path: path)
    output.write("{\"traceEvents\":[")
  }

  func write(_ item: TimelineItem) {
    switch item {
    case .lane(let lane):
      pids.append(lane.pid)
      if processes.insert(lane.pid).inserted {
        let name = lane.pid == 1 ? "script" : "fork"
        emit("{\"name\":\"process_name\",\"ph\":\"M\",\"pid\":\(lane.pid),\"tid\":0,\"args\":{\"name\":\"\(name)\"}}")
        emit(
          "{\"name\":\"process_sort_index\",\"ph\":\"M\",\"pid\":\(lane.pid),\"tid\":0,"
            + "\"args\":{\"sort_index\":\(lane.pid)}}")
      }
      var out =
        "{\"name\":\"thread_name\",\"ph\":\"M\",\"pid\":\(lane.pid),\"tid\":\(tid(lane.index)),\"args\":{\"name\":"
      TraceJSON.appendString(lane.thread, to: &out)
      emit(out + "}}")
      emit(
        "{\"name\":\"thread_sort_index\",\"ph\":\"M\",\"pid\":\(lane.pid),\"tid\":\(tid(lane.index)),"
          + "\"args\":{\"sort_index\":\(lane.index)}}")
    case .sleepStart:
      break
    case .sleep(let sleep):
      if sleep.start == sleep.callStart, held[sleep.key, default: []].count < Self.heldLimit {
        held[sleep.key, default: []].append(sleep)
      } else {
        writeSleep(sleep)
      }
    case .call(let call):
      writeCall(call)
      for sleep in held.removeValue(forKey: call.key) ?? [] { writeSleep(sleep) }
    case .wake(let wake):
      let common =
        "\"cat\":\"wake\",\"name\":\"wake\",\"id\":\(wake.number),\"ts\":\(TimelineNumbers.micros(wake.time))"
      emit("{\"ph\":\"s\",\(common),\"pid\":\(pid(wake.from)),\"tid\":\(tid(wake.from))}")
      var out = "{\"ph\":\"f\",\"bp\":\"e\",\(common),\"pid\":\(pid(wake.to)),\"tid\":\(tid(wake.to)),\"args\":{"
      if let queue = wake.queue {
        out += "\"queue\":"
        TraceJSON.appendString(queue, to: &out)
        out += ","
      }
      out += "\"text\":"
      TraceJSON.appendString(wake.text, to: &out)
      emit(out + "}}")
    case .instant(let instant):
      var out = "{\"ph\":\"i\",\"s\":\"t\",\"cat\":\"\(instant.kind.rawValue)\",\"name\":"
      TraceJSON.appendString(instant.name, to: &out)
      out += ",\"ts\":\(TimelineNumbers.micros(instant.time)),\"pid\":\(pid(instant.lane)),\"tid\":\(tid(instant.lane))"
      out += ",\"args\":{\"text\":"
      TraceJSON.appendString(instant.text, to: &out)
      emit(out + "}}")
    }
  }

  func finish(lanes: [TimelineLane], end: Nanoseconds) throws(TimelineError) {
    // Every call has ended by now; a sleep still held belongs to none (it cannot happen).
    for key in held.keys.sorted() { for sleep in held[key] ?? [] { writeSleep(sleep) } }
    held = [:]
    output.write("\n],\"displayTimeUnit\":\"ns\"}\n")
    try output.close()
  }

  private func writeCall(_ call: TimelineCall) {
    var out = "{\"ph\":\"X\",\"cat\":\"call\",\"name\":"
    TraceJSON.appendString(call.name, to: &out)
    out += slice(lane: call.lane, start: call.start, end: call.end)
    out += ",\"args\":{"
    if let first = call.firstLine {
      out += "\"call\":"
      TraceJSON.appendString(first.text, to: &out)
      out += ","
    }
    out += "\"text\":"
    TraceJSON.appendString(call.lastLine.text, to: &out)
    if let result = call.result { out += ",\"result\":\(result)" }
    if let errno = call.errno {
      out += ",\"errno\":"
      TraceJSON.appendString(errno, to: &out)
    }
    if let reason = call.reason {
      out += ",\"reason\":"
      TraceJSON.appendString(reason, to: &out)
    }
    if call.ending == .cutOff { out += ",\"returned\":false" }
    emit(out + "}}")
  }

  private func writeSleep(_ sleep: TimelineSleep) {
    var out = "{\"ph\":\"X\",\"cat\":\"sleep\",\"name\":"
    TraceJSON.appendString(sleep.why, to: &out)
    out += slice(lane: sleep.lane, start: sleep.start, end: sleep.end)
    out += ",\"args\":{\"text\":"
    TraceJSON.appendString(sleep.line.text, to: &out)
    if let endLine = sleep.endLine {
      out += ",\"ended\":"
      TraceJSON.appendString(endLine.text, to: &out)
    }
    if let deadline = sleep.deadline { out += ",\"deadline_ns\":\(deadline)" }
    emit(out + "}}")
  }

  /// `,"ts":…,"dur":…,"pid":…,"tid":…`.
  private func slice(lane: Int, start: Nanoseconds, end: Nanoseconds) -> String {
    ",\"ts\":\(TimelineNumbers.micros(start)),\"dur\":\(TimelineNumbers.micros(end - start)),"
      + "\"pid\":\(pid(lane)),\"tid\":\(tid(lane))"
  }

  /// Lanes are numbered from 1 across the whole run, so a thread's track is one in any viewer.
  private func tid(_ lane: Int) -> Int { lane + 1 }

  private func pid(_ lane: Int) -> Int32 { lane < pids.count ? pids[lane] : 1 }

  /// One event on a line of its own.
  private func emit(_ event: String) {
    output.write(first ? "\n" : ",\n")
    output.write(event)
    first = false
  }
}
