import SyscallVocabulary

/// Turns a run's trace events, as they arrive in time order, into the slices, arrows and
/// marks of a timeline (``TimelineItem``), each as soon as it is complete: a call when it
/// returns, a sleep when it ends. What it holds is bounded by the threads and by the calls
/// in flight, never by the length of the run.
struct TimelineAssembler {
  /// A call that has slept and not yet returned.
  private struct OpenCall {
    var lane: Int
    var name: String
    var start: Nanoseconds
    var firstLine: TimedLine
    /// The sleep it is in now, if it is asleep.
    var sleep: (start: Nanoseconds, why: String, line: TimedLine, deadline: Nanoseconds?)?
    /// `blocks_forever`'s line, which ends it at the end of the run.
    var forever: TimedLine?
  }

  private struct LaneKey: Hashable {
    var thread: String
    var pid: Int32
  }

  private(set) var lanes: [TimelineLane] = []
  private var laneIndex: [LaneKey: Int] = [:]
  /// A thread's latest lane, for `woken`'s `by`, which names a thread but not its process.
  private var laneNamed: [String: Int] = [:]
  private var open: [Int: OpenCall] = [:]
  private var wakes = 0
  /// The latest time seen: where the run ends.
  private(set) var end: Nanoseconds = 0

  /// The calls in flight that it holds: 0 once every call has returned.
  var openCallCount: Int { open.count }

  mutating func take(_ event: TraceEvent, emit: (TimelineItem) -> Void) {
    end = max(end, event.time)
    let lane = lane(event.thread, pid: event.pid, emit: emit)
    // A call without a number (exceptional) is keyed by its lane: a thread makes one at a time.
    let key = event.callID ?? -(lane + 1)
    let line = TimedLine(time: event.time, text: event.text)
    switch event.kind {
    case .blocked:
      var call =
        open[key]
        ?? OpenCall(
          lane: lane, name: event.call ?? "call", start: event.startedAt ?? event.time, firstLine: line)
      endSleep(of: &call, key: key, at: event.time, by: nil, emit: emit)
      call.sleep = (event.time, Self.why(event), line, event.deadline)
      open[key] = call
      emit(.sleepStart(TimelineSleepStart(key: key, lane: lane, line: line)))
    case .woken:
      if let by = event.by {
        wakes += 1
        let from = laneNamed[by] ?? self.lane(by, pid: event.pid, emit: emit)
        emit(
          .wake(
            TimelineWake(
              number: wakes, time: event.time, from: from, to: lane, queue: event.queues?.first, text: event.text)))
      }
      endSleep(key: key, at: event.time, by: line, emit: emit)
    // What ended a sleep comes before its end, so that a diagram's activation spans it.
    case .timedOut:
      emit(
        .instant(TimelineInstant(lane: lane, time: event.time, kind: .timedOut, name: "timed out", text: event.text)))
      endSleep(key: key, at: event.time, by: line, emit: emit)
    case .interrupted:
      let name = "interrupted by \(event.by ?? "a signal")"
      emit(.instant(TimelineInstant(lane: lane, time: event.time, kind: .interrupted, name: name, text: event.text)))
      endSleep(key: key, at: event.time, by: line, emit: emit)
    case .restarted:
      let name = "restarted after \(event.by ?? "a signal")"
      emit(.instant(TimelineInstant(lane: lane, time: event.time, kind: .restarted, name: name, text: event.text)))
    case .blocksForever:
      open[key]?.forever = line
      emit(
        .instant(
          TimelineInstant(lane: lane, time: event.time, kind: .blocksForever, name: "blocks forever", text: event.text)
        ))
    case .returned:
      returned(event, key: key, lane: lane, line: line, emit: emit)
    case .process:
      emit(.instant(TimelineInstant(lane: lane, time: event.time, kind: .process, name: event.text, text: event.text)))
      // A process's end ends every call its threads were still in; an execve's "superseded"
      // ends only the thread it is on (the process goes on with the caller).
      if event.text.hasPrefix("+++") {
        let wholeProcess = !event.text.contains("superseded")
        let ended = open.filter { wholeProcess ? lanes[$0.value.lane].pid == event.pid : $0.value.lane == lane }
        for key in ended.keys.sorted() { cutOff(key, at: line, emit: emit) }
      }
    case .kernel:
      emit(.instant(TimelineInstant(lane: lane, time: event.time, kind: .kernel, name: event.text, text: event.text)))
    case .state:
      emit(.instant(TimelineInstant(lane: lane, time: event.time, kind: .state, name: "state", text: event.text)))
    }
  }

  /// Ends, at the end of the run, the calls that never returned (those that block forever).
  mutating func finish(emit: (TimelineItem) -> Void) {
    for key in open.keys.sorted() {
      let line = open[key]?.forever ?? TimedLine(time: end, text: "still in the call when the run ended")
      cutOff(key, at: TimedLine(time: end, text: line.text), emit: emit)
    }
  }

  private mutating func returned(
    _ event: TraceEvent, key: Int, lane: Int, line: TimedLine, emit: (TimelineItem) -> Void
  ) {
    // strace's `<... accept resumed> = ?`: a call its thread's end cut off, without a number.
    if event.callID == nil, event.startedAt == nil,
      let unreturned = open.filter({ $0.value.lane == lane && $0.value.name == event.call }).keys.min()
    {
      return cutOff(unreturned, at: line, emit: emit)
    }
    var start = event.startedAt ?? event.time
    var firstLine: TimedLine?
    if var call = open.removeValue(forKey: key) {
      endSleep(of: &call, key: key, at: event.time, by: nil, emit: emit)
      start = min(start, call.start)
      firstLine = call.firstLine
    }
    emit(
      .call(
        TimelineCall(
          key: key, lane: lane, name: event.call ?? "call", start: start, end: event.time, firstLine: firstLine,
          lastLine: line, result: event.result, errno: event.errno, reason: event.reason, ending: .returned)))
  }

  /// Ends call `key` without a return: its thread or the run ended under it.
  private mutating func cutOff(_ key: Int, at line: TimedLine, emit: (TimelineItem) -> Void) {
    guard var call = open.removeValue(forKey: key) else { return }
    endSleep(of: &call, key: key, at: line.time, by: nil, emit: emit)
    emit(
      .call(
        TimelineCall(
          key: key, lane: call.lane, name: call.name, start: call.start, end: line.time, firstLine: call.firstLine,
          lastLine: line, ending: .cutOff)))
  }

  private mutating func endSleep(key: Int, at time: Nanoseconds, by line: TimedLine?, emit: (TimelineItem) -> Void) {
    guard var call = open[key] else { return }
    endSleep(of: &call, key: key, at: time, by: line, emit: emit)
    open[key] = call
  }

  private func endSleep(
    of call: inout OpenCall, key: Int, at time: Nanoseconds, by line: TimedLine?, emit: (TimelineItem) -> Void
  ) {
    guard let sleep = call.sleep else { return }
    call.sleep = nil
    emit(
      .sleep(
        TimelineSleep(
          key: key, lane: call.lane, callStart: call.start, start: sleep.start, end: max(time, sleep.start),
          why: sleep.why, line: sleep.line, endLine: line, deadline: sleep.deadline)))
  }

  /// `thread`'s lane in process `pid`, made (and announced) on its first appearance.
  private mutating func lane(_ thread: String, pid: Int32, emit: (TimelineItem) -> Void) -> Int {
    let key = LaneKey(thread: thread, pid: pid)
    if let index = laneIndex[key] { return index }
    let lane = TimelineLane(index: lanes.count, thread: thread, pid: pid)
    lanes.append(lane)
    laneIndex[key] = lane.index
    laneNamed[thread] = lane.index
    emit(.lane(lane))
    return lane.index
  }

  /// A sleep's name: `connect blocked on server.peer_wait: unix_stream_connect: …`.
  static func why(_ event: TraceEvent) -> String {
    let call = event.call ?? "call"
    let queues = event.queues ?? []
    var why = queues.isEmpty ? "\(call) sleeps" : "\(call) blocked on \(queues.joined(separator: ", "))"
    if let reason = event.reason { why += ": " + reason }
    return why
  }
}
