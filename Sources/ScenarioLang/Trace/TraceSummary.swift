import SyscallVocabulary

/// `--summary` (strace `-c`): per call, how many were made, how many failed, and the time
/// they spent (virtual time from the call to its return, which is time asleep: a call that
/// does not sleep takes none in the model), as a table at the end of the run.
public struct TraceSummary: Sendable {
  struct Row {
    var calls = 0
    var errors = 0
    var time: Nanoseconds = 0
  }

  private var rows: [String: Row] = [:]

  public init() {}

  /// Counts a returned call.
  public mutating func add(_ event: TraceEvent) {
    guard event.kind == .returned, let call = event.call else { return }
    rows[call, default: Row()].calls += 1
    if event.errno != nil { rows[call, default: Row()].errors += 1 }
    rows[call, default: Row()].time += max(0, event.duration ?? 0)
  }

  /// strace `-c`'s table: the calls by time spent, then by count, then by name, and a total.
  public func lines() -> [String] {
    let total = rows.values.reduce(into: Row()) {
      $0.calls += $1.calls
      $0.errors += $1.errors
      $0.time += $1.time
    }
    let ordered = rows.sorted {
      ($0.value.time, $0.value.calls, $1.key) > ($1.value.time, $1.value.calls, $0.key)
    }
    var lines = ["% time     seconds  usecs/call     calls    errors syscall"]
    lines.append("------ ----------- ----------- --------- --------- ----------------")
    for (call, row) in ordered { lines.append(Self.line(row, total: total.time, name: call)) }
    lines.append("------ ----------- ----------- --------- --------- ----------------")
    lines.append(Self.line(total, total: total.time, name: "total"))
    return lines
  }

  private static func line(_ row: Row, total: Nanoseconds, name: String) -> String {
    let share = total > 0 ? Double(row.time) * 100 / Double(total) : 0
    let percent = String(Int((share * 100).rounded()))
    let shown = percent.count > 2 ? "\(percent.dropLast(2)).\(percent.suffix(2))" : "0.\(percent.leftPad(2))"
    let micros = (row.time + 500) / 1000
    let seconds = "\(micros / 1_000_000).\(String(micros % 1_000_000).leftPad(6))"
    let perCall = row.calls > 0 ? String(micros / Int64(row.calls)) : "0"
    return shown.leftPad(6, with: " ") + " " + seconds.leftPad(11, with: " ") + " "
      + perCall.leftPad(11, with: " ") + " " + String(row.calls).leftPad(9, with: " ") + " "
      + (row.errors > 0 ? String(row.errors) : "").leftPad(9, with: " ") + " " + name
  }
}
