import SockKernel
import SyscallVocabulary

/// Renders events as trace lines: the session knows what the sockets, queues and tasks are
/// called; ``TraceFormatter`` owns the words.
extension ScenarioSession {
  /// A returned call's line; then, when it raised a SIGPIPE that kills the process, strace's
  /// two lines of that; then, with `--explain`, why it failed.
  func traceReturn(
    _ record: CallRecord, _ outcome: SyscallOutcome, resumed: Bool, of call: SubmittedCall, created: String?,
    at now: Nanoseconds
  ) {
    // A recvmsg shows the sender in its msg_name.
    var sender = call.socket?.type == .dgram ? outcome.sender : nil
    if case .recvmsg = record.syscall { sender = nil }
    // `dup2 7 as d`: the target had no name when the call was made, so it shows as a number.
    // Descriptors are named as the calling thread's process has them.
    // The actor's process is looked up once, for the names and the event's pid. Local
    // functions, not closure values, so that naming costs no allocation per line.
    let process = call.thread.process
    func names(_ fd: Int32) -> String { fdName(fd, in: process) }
    func name(_ fd: Int32) -> String { created == nil ? names(fd) : "\(fd)" }
    let (callText, tail) = TraceFormatter.returned(
      record.syscall, outcome, resumed: resumed,
      call: describe(
        record.syscall, on: call.socket?.name ?? call.actor, result: outcome, pair: call.pairName, name: name),
      name: names,
      created: created, sender: sender, owner: outcome.owner.map(threadName))
    let reason = outcome.errno == nil ? nil : outcome.reason?.description
    // Why it failed comes after strace's lines of a kill, under the whole story.
    let shown: Bool
    if needsOnlyLines {
      // The line is all that is made of the event (building the event and its strings was
      // a third of a traced call's cost, docs/performance.md).
      if printsTrace { printLine(now, call.actor, callText, tail: tail, pid: process.pid) }
      shown = true
    } else {
      // The call is no longer in flight: its socket comes from what was submitted.
      var event = callEvent(
        .returned, record, at: now, thread: call.actor, pid: process.pid, socket: call.socket?.name,
        text: callText + tail)
      event.startedAt = record.startedAt
      event.result = outcome.value
      event.errno = outcome.errno?.name
      event.resumed = resumed
      event.reason = reason
      shown = emitTrace(event, explaining: false)
    }
    if kills(outcome.raised, in: call) {
      // A forked process's end comes as an event of its own, with its `+++` line.
      let lines =
        process === initialProcess
        ? TraceFormatter.killedBySigpipe : [TraceFormatter.sigpipeDelivered]
      for text in lines {
        emitTrace(TraceEvent(kind: .process, time: now, thread: call.actor, pid: process.pid, text: text))
      }
    }
    if shown, printsTrace, explain, let reason { output(TraceFormatter.why(reason)) }
  }

  /// The line of any other event of a call, or a kernel log line; with `--explain`, why a
  /// call sleeps.
  func trace(_ event: KernelEvent, at now: Nanoseconds) {
    switch event {
    case .blocked(let record, let info, let again):
      let actor = actorName(of: record)
      let how = info.map { TraceFormatter.block($0, queues: queueNames($0.queues), left: again) }
      let socket = calls[record.tag]?.socket?.name ?? actor
      let text = TraceFormatter.blocked(
        record.syscall, call: describe(record.syscall, on: socket, name: { self.fdName($0) }), again: again, how: how)
      var traced = callEvent(.blocked, record, at: now, thread: actor, text: text)
      traced.resumed = again
      traced.queues = info.map { $0.queues.map(queueName) }
      traced.deadline = info?.expiresAt
      traced.reason = info?.reason.description
      emitTrace(traced)
    case .woken(let record, let waker, let queue, _):
      let text = TraceFormatter.woken(record.syscall, by: threadName(of: waker), on: queueName(queue))
      var traced = callEvent(.woken, record, at: now, thread: actorName(of: record), text: text)
      traced.by = threadName(of: waker)
      traced.queues = [queueName(queue)]
      emitTrace(traced)
    case .timedOut(let record, let queues):
      let text = TraceFormatter.timedOut(record.syscall, on: queueNames(queues))
      var traced = callEvent(.timedOut, record, at: now, thread: actorName(of: record), text: text)
      traced.queues = queues.map(queueName)
      emitTrace(traced)
    case .interrupted(let record, let signal):
      let text = TraceFormatter.interrupted(record.syscall, by: signal)
      var traced = callEvent(.interrupted, record, at: now, thread: actorName(of: record), text: text)
      traced.by = signal.description
      emitTrace(traced)
    case .restarted(let record, let signal):
      let text = TraceFormatter.restarted(record.syscall, after: signal)
      var traced = callEvent(.restarted, record, at: now, thread: actorName(of: record), text: text)
      traced.by = signal.description
      emitTrace(traced)
    case .log(_, let message):
      emitTrace(TraceEvent(kind: .kernel, time: now, thread: TraceFormatter.kernelActor, pid: 1, text: message))
    case .collected(let inodes):
      let text = TraceFormatter.collected(inodes.map(socketName))
      emitTrace(TraceEvent(kind: .kernel, time: now, thread: TraceFormatter.kernelActor, pid: 1, text: text))
    case .returned, .notModelled, .cannotRun, .processEnded, .execed:
      // A return has its own line (traceReturn); an abandoned call has a diagnostic instead.
      break
    }
  }

  /// The lines of the calls that can never return, when the run stalls.
  func traceBlockedForever(_ sleepers: [SleepingCall]) {
    for sleeper in sleepers {
      let text = TraceFormatter.blocksForever(sleeper.call.syscall, on: queueNames(sleeper.queues))
      var traced = callEvent(
        .blocksForever, sleeper.call, at: backend.now, thread: actorName(of: sleeper.call), text: text)
      traced.queues = sleeper.queues.map(queueName)
      emitTrace(traced)
    }
  }

  /// An event of the call `record`, still in flight, made on `thread`: its pid and socket
  /// looked up, by the call and failing that by its task (not by the thread's name, which two
  /// live processes can share).
  func callEvent(
    _ kind: TraceEvent.Kind, _ record: CallRecord, at now: Nanoseconds, thread: String, text: String
  ) -> TraceEvent {
    let call = calls[record.tag]
    let pid = (call?.thread ?? threadsByTask[record.task.rawValue])?.process.pid ?? initialProcess.pid
    return callEvent(kind, record, at: now, thread: thread, pid: pid, socket: call?.socket?.name, text: text)
  }

  /// An event of the call `record` made on `thread` of process `pid`, acting on `socket`.
  func callEvent(
    _ kind: TraceEvent.Kind, _ record: CallRecord, at now: Nanoseconds, thread: String, pid: Int32,
    socket: String?, text: String
  ) -> TraceEvent {
    var event = TraceEvent(kind: kind, time: now, thread: thread, pid: pid, text: text)
    event.call = record.syscall.name
    event.callID = record.tag
    event.socket = socket
    return event
  }

  /// Nothing reads a trace event's facts and nothing filters on them (no observer, no
  /// `--calls`, `--sockets` or `--durations`): only its printed line matters.
  var needsOnlyLines: Bool { onTraceEvent == nil && traceControls.admitsEverything }

  /// Every trace line goes through here: kept or not by ``traceControls``, handed to the
  /// observer, printed (with `--durations`' time), and with `--explain` followed by why a
  /// call sleeps or failed.
  /// Returns whether the event was kept; `explaining` false leaves its `why:` line to the
  /// caller.
  @discardableResult
  func emitTrace(_ event: TraceEvent, explaining: Bool = true) -> Bool {
    guard traceControls.admits(event) else { return false }
    onTraceEvent?(event)
    guard printsTrace else { return true }
    var text = event.text
    if traceControls.durations, event.kind == .returned, let took = event.duration {
      text += " " + TraceFormatter.took(took)
    }
    if event.kind == .state {
      // The table's first line beside the time, the rest under it.
      let lines = text.split(separator: "\n", omittingEmptySubsequences: false)
      output(TraceFormatter.line(event.time, event.thread, String(lines[0])))
      for rest in lines.dropFirst() { output(TraceFormatter.continuation(String(rest))) }
      return true
    }
    output(line(event.time, event.thread, text, pid: event.pid))
    if explaining, explain, let reason = event.reason { output(TraceFormatter.why(reason)) }
    return true
  }

  /// The call as the trace shows it: sockets by name, `socket` the one it acts on.
  /// `name` names a descriptor (non-escaping, so that naming costs no allocation a line).
  func describe(
    _ syscall: Syscall, on socket: String, result: SyscallOutcome? = nil, pair: String? = nil,
    name: (Int32) -> String
  ) -> String {
    var argument = socket
    if case .kill(let task, _) = syscall { argument = threadName(of: task) }
    return TraceFormatter.call(
      syscall, socket: argument, result: result, name: name, pairNames: pair.map { (socket, $0) },
      thread: { self.threadName(of: $0) })
  }

  /// Who made a call still in flight: its socket, or the backend's name of its task.
  func actorName(of record: CallRecord) -> String { calls[record.tag]?.actor ?? threadName(of: record.task) }

  /// The name of the socket open on `fd`.
  func fdName(_ fd: Int32) -> String { fdName(fd, in: initialProcess) }

  /// The name of the socket open on `fd` in `process`.
  func fdName(_ fd: Int32, in process: ScenarioProcess) -> String {
    process.descriptors[fd]?.socket.name ?? "\(fd)"
  }

  func queueName(_ queue: WaitQueueName) -> String {
    if queue.kind == .childExit { return TraceFormatter.queue(queue, owner: processName(pid: Int32(queue.inode))) }
    return TraceFormatter.queue(queue, owner: socketName(queue.inode))
  }

  /// `a.wq, b.wq`: the queues a `poll` sleeps on (one for any other call).
  func queueNames(_ queues: [WaitQueueName]) -> String {
    queues.map(queueName).joined(separator: ", ")
  }

  func socketName(_ inode: Int) -> String { socketNames[inode] ?? "socket#\(inode)" }
}
