/// `--format jsonl`: one JSON object per trace event, on one line, with the fields the event
/// has (docs/trace.md gives the schema). Written by hand, field by field in a fixed order,
/// so that a million events cost a million short appends and the output is byte-stable.
public enum TraceJSON {
  /// The event as one line of JSON.
  public static func line(_ event: TraceEvent) -> String {
    var out = "{\"kind\":\"\(event.kind.rawValue)\",\"time_ns\":\(event.time),\"thread\":"
    appendString(event.thread, to: &out)
    out += ",\"pid\":\(event.pid)"
    if let call = event.call {
      out += ",\"call\":"
      appendString(call, to: &out)
    }
    if let id = event.callID { out += ",\"call_id\":\(id)" }
    if let socket = event.socket {
      out += ",\"socket\":"
      appendString(socket, to: &out)
    }
    if let started = event.startedAt { out += ",\"started_ns\":\(started)" }
    if let result = event.result { out += ",\"result\":\(result)" }
    if let errno = event.errno {
      out += ",\"errno\":"
      appendString(errno, to: &out)
    }
    if let resumed = event.resumed { out += ",\"\(event.kind == .blocked ? "again" : "resumed")\":\(resumed)" }
    if let queues = event.queues {
      out += ",\"queues\":["
      for (index, queue) in queues.enumerated() {
        if index > 0 { out += "," }
        appendString(queue, to: &out)
      }
      out += "]"
    }
    if let deadline = event.deadline { out += ",\"deadline_ns\":\(deadline)" }
    if let reason = event.reason {
      out += ",\"reason\":"
      appendString(reason, to: &out)
    }
    if let by = event.by {
      out += ",\"by\":"
      appendString(by, to: &out)
    }
    out += ",\"text\":"
    appendString(event.text, to: &out)
    out += "}"
    return out
  }

  /// `{"kind":"run","file":NAME}`: where the events of one of several scripts begin.
  public static func runHeader(file: String) -> String {
    var out = "{\"kind\":\"run\",\"file\":"
    appendString(file, to: &out)
    return out + "}"
  }

  /// `text` as a JSON string: quotes, backslashes and control characters escaped.
  static func appendString(_ text: String, to out: inout String) {
    out += "\""
    for scalar in text.unicodeScalars {
      switch scalar {
      case "\"": out += "\\\""
      case "\\": out += "\\\\"
      case "\n": out += "\\n"
      case "\t": out += "\\t"
      case "\r": out += "\\r"
      case _ where scalar.value < 0x20:
        out += "\\u00" + String(scalar.value, radix: 16).leftPad(2)
      default: out.unicodeScalars.append(scalar)
      }
    }
    out += "\""
  }
}
