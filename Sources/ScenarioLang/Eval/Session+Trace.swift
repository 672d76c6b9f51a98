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
    let process = threads[call.actor]?.process ?? initialProcess
    let names: (Int32) -> String = { [unowned self] in self.fdName($0, in: process) }
    let name: (Int32) -> String = created == nil ? names : { "\($0)" }
    let text = TraceFormatter.returned(
      record.syscall, outcome, resumed: resumed,
      call: describe(
        record.syscall, on: call.socket?.name ?? call.actor, result: outcome, pair: call.pairName, name: name),
      name: names,
      created: created, sender: sender, owner: outcome.owner.map(threadName))
    output(line(now, call.actor, text))
    if kills(outcome.raised, in: call) {
      // A forked process's end comes as an event of its own, with its `+++` line.
      let lines =
        threads[call.actor]?.process === initialProcess
        ? TraceFormatter.killedBySigpipe : [TraceFormatter.sigpipeDelivered]
      for text in lines { output(line(now, call.actor, text)) }
    }
    if explain, outcome.errno != nil, let reason = outcome.reason { output(TraceFormatter.why(reason)) }
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
        record.syscall, call: describe(record.syscall, on: socket), again: again, how: how)
      output(line(now, actor, text))
      if explain, let info { output(TraceFormatter.why(info.reason)) }
    case .woken(let record, let waker, let queue, _):
      let text = TraceFormatter.woken(record.syscall, by: threadName(of: waker), on: queueName(queue))
      output(line(now, actorName(of: record), text))
    case .timedOut(let record, let queues):
      output(
        line(now, actorName(of: record), TraceFormatter.timedOut(record.syscall, on: queueNames(queues)))
      )
    case .interrupted(let record, let signal):
      output(line(now, actorName(of: record), TraceFormatter.interrupted(record.syscall, by: signal)))
    case .restarted(let record, let signal):
      output(line(now, actorName(of: record), TraceFormatter.restarted(record.syscall, after: signal)))
    case .log(_, let message):
      output(line(now, TraceFormatter.kernelActor, message))
    case .collected(let inodes):
      output(line(now, TraceFormatter.kernelActor, TraceFormatter.collected(inodes.map(socketName))))
    case .returned, .notModelled, .cannotRun, .processEnded, .execed:
      // A return has its own line (traceReturn); an abandoned call has a diagnostic instead.
      break
    }
  }

  /// The lines of the calls that can never return, when the run stalls.
  func traceBlockedForever(_ sleepers: [SleepingCall]) {
    for sleeper in sleepers {
      let text = TraceFormatter.blocksForever(sleeper.call.syscall, on: queueNames(sleeper.queues))
      output(line(backend.now, actorName(of: sleeper.call), text))
    }
  }

  /// The call as the trace shows it: sockets by name, `socket` the one it acts on.
  func describe(
    _ syscall: Syscall, on socket: String, result: SyscallOutcome? = nil, pair: String? = nil,
    name: ((Int32) -> String)? = nil
  ) -> String {
    var argument = socket
    if case .kill(let task, _) = syscall { argument = threadName(of: task) }
    return TraceFormatter.call(
      syscall, socket: argument, result: result, name: name ?? fdName, pairNames: pair.map { (socket, $0) },
      thread: { [unowned self] in self.threadName(of: $0) })
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
