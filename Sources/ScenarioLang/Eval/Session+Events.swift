import SockKernel
import SyscallVocabulary

extension ScenarioSession {
  /// Prints one event and checks expectations of returned calls.
  func handle(_ event: TraceEvent) {
    let now = event.at
    switch event.kind {
    case .returned(let record, let outcome, let resumed):
      guard let call = calls.removeValue(forKey: record.tag) else { return }
      let created = adopt(record, outcome, call)
      if tracing {
        var text =
          resumed
          ? "<... \(record.syscall.name) resumed>" + (outcome.data.map { " " + TraceFormatter.data($0) } ?? "")
          : describe(record.syscall, by: call.actor, result: outcome, pair: call.pairName)
        text += " " + TraceFormatter.result(outcome)
        if case .poll(let fds, _) = record.syscall, let revents = outcome.revents {
          text += TraceFormatter.revents(fds, revents, name: fdName)
        }
        if let created { text += " (as \(created))" }
        if let sender = outcome.sender, call.socket?.type == .dgram { text += " (from \(sender.display))" }
        output(TraceFormatter.line(now, call.actor, text))
      }
      if let signal = outcome.raised { raised(signal, by: call.actor, at: now) }
      if case .accept = record.syscall, outcome.errno == nil, socketsCreated > limits.maxSockets, !stopped {
        fail(limits.socketsExceeded(at: call.location, length: call.word.count), .scriptError)
      }
      if tracing, explain, outcome.errno != nil, let reason = outcome.reason { explainLine(reason) }
      callLog?.returned(tag: record.tag, outcome: outcome, startedAt: record.startedAt, at: now)
      if let expectation = call.expectation {
        var option: IntOption?
        if case .getIntOption(_, let read) = record.syscall { option = read }
        check(expectation, against: outcome, at: now, of: call, option: option)
      }
    case .blocked(let record, let info, let again):
      callLog?.blocked(tag: record.tag, startedAt: record.startedAt, timeout: info?.timeout, deadline: info?.expiresAt)
      guard tracing else { return }
      let actor = calls[record.tag]?.actor ?? backend.name(of: record.task)
      let how = info.map { TraceFormatter.block($0, queues: queueNames($0.queues), left: again) }
      let text =
        again
        ? "<... \(record.syscall.name) blocked again\(how.map { " " + $0 } ?? "")>"
        : describe(record.syscall, by: actor) + " <blocked\(how.map { " " + $0 } ?? "")>"
      output(TraceFormatter.line(now, actor, text))
      if explain, let info { explainLine(info.reason) }
    case .woken(let record, let waker, let queue):
      guard tracing else { return }
      let actor = calls[record.tag]?.actor ?? backend.name(of: record.task)
      output(
        TraceFormatter.line(
          now, actor, "<... \(record.syscall.name) woken by \(backend.name(of: waker)) on \(queueName(queue))>"))
    case .timedOut(let record, let queues):
      callLog?.timedOut(tag: record.tag)
      guard tracing else { return }
      let actor = calls[record.tag]?.actor ?? backend.name(of: record.task)
      let on = queues.isEmpty ? "" : " on \(queueNames(queues))"
      output(TraceFormatter.line(now, actor, "<... \(record.syscall.name) timed out\(on)>"))
    case .interrupted(let record, let signal):
      guard tracing else { return }
      let actor = calls[record.tag]?.actor ?? backend.name(of: record.task)
      output(TraceFormatter.line(now, actor, "<... \(record.syscall.name) interrupted by \(signal)>"))
    case .restarted(let record, let signal):
      guard tracing else { return }
      let actor = calls[record.tag]?.actor ?? backend.name(of: record.task)
      output(
        TraceFormatter.line(
          now, actor, "<... \(record.syscall.name) restarted: the \(signal) handler has SA_RESTART>"))
    case .notModelled(let record, let what):
      let call = calls.removeValue(forKey: record.tag)
      fail(
        Diagnostic(
          "\(what) is not modelled yet", at: call?.location ?? SourceLocation(line: 1, column: 1, offset: 0),
          length: call?.word.count ?? 1,
          notes: ["the model does not implement this kernel path yet"]), .scriptError)
    case .cannotRun(let record, let why):
      let call = calls.removeValue(forKey: record.tag)
      fail(
        Diagnostic(
          "the kernel backend cannot run \(record.syscall.name): \(why)",
          at: call?.location ?? SourceLocation(line: 1, column: 1, offset: 0), length: call?.word.count ?? 1),
        .internalError)
    case .log(let message):
      guard tracing else { return }
      output(TraceFormatter.line(now, "kernel", message))
    }
  }

  /// The call as the trace shows it: sockets by name.
  func describe(_ syscall: Syscall, by actor: String, result: SyscallOutcome? = nil, pair: String? = nil) -> String {
    var socket = actor
    if case .kill(let task, _) = syscall { socket = backend.name(of: task) }
    return TraceFormatter.call(
      syscall, socket: socket, result: result, name: fdName, pairNames: pair.map { (actor, $0) })
  }

  /// The name of the socket open on `fd`.
  func fdName(_ fd: Int32) -> String { initialProcess.descriptors[fd]?.socket.name ?? "\(fd)" }

  func queueName(_ queue: WaitQueueName) -> String {
    TraceFormatter.queue(queue, owner: socketName(queue.inode))
  }

  /// `a.wq, b.wq`: the queues a `poll` sleeps on (one for any other call).
  func queueNames(_ queues: [WaitQueueName]) -> String {
    queues.map(queueName).joined(separator: ", ")
  }

  func explainLine(_ reason: Reason) {
    output(String(repeating: " ", count: 9 + TraceFormatter.actorWidth) + "  why: \(reason)")
  }

  func socketName(_ inode: Int) -> String { socketNames[inode] ?? "socket#\(inode)" }

  /// Records what a successful call created or destroyed; returns an accepted socket's name.
  func adopt(_ record: CallRecord, _ outcome: SyscallOutcome, _ call: SubmittedCall) -> String? {
    guard outcome.errno == nil, let socket = call.socket else { return nil }
    switch record.syscall {
    case .socket:
      opened(socket, fd: Int32(outcome.value), inode: outcome.inode)
    case .close(let fd):
      closed(socket, fd: fd)
    case .socketpair:
      guard let pair = outcome.pair, let second = call.pair else { return nil }
      opened(socket, fd: pair.fds.0, inode: pair.inodes.0)
      opened(second, fd: pair.fds.1, inode: pair.inodes.1)
    case .accept:
      // An accepted socket counts against the limit whether or not it gets a name.
      socketsCreated += 1
      // Without `as NAME` the accepted socket stays anonymous: nothing can use it.
      guard let name = call.acceptAs, let written = call.acceptName,
        let accepted = newSocket(name, at: written, in: socket.process)
      else { return nil }
      accepted.type = socket.type
      opened(accepted, fd: Int32(outcome.value), inode: outcome.inode)
      return name
    default:
      break
    }
    return nil
  }

  /// Compares a returned call with its `= …` expectation; `option` is the one a `get` read,
  /// so that a failure shows its values as the trace does (`[SOCK_STREAM]`).
  func check(
    _ expectation: Expectation, against outcome: SyscallOutcome, at now: Nanoseconds, of call: SubmittedCall,
    option: IntOption? = nil
  ) {
    let resultHolds =
      switch expectation.result {
      case .value(let v): outcome.errno == nil && outcome.value == v
      case .error(let e): outcome.errno == e
      case .timeval(let tv): outcome.errno == nil && outcome.timeval == tv
      case .data(let bytes): outcome.errno == nil && outcome.data.map { $0.materialized == bytes } == true
      case .option(let v): outcome.errno == nil && outcome.optionValue == v
      case .revents(let r): outcome.errno == nil && outcome.revents == r
      }
    let timeHolds = !checksTimes || (expectation.time.map { backend.timeAgrees(expected: $0, actual: now) } ?? true)
    guard !resultHolds || !timeHolds else { return }
    var expected = Self.describe(expectation.result, option: option)
    var actual = Self.describe(outcome, option: option)
    if let time = expectation.time {
      expected += " at \(TraceFormatter.time(time))"
      actual += " at \(TraceFormatter.time(now))"
    }
    fail(
      Diagnostic(
        "expected \(call.word) to return \(expected), but it returned \(actual)",
        at: expectation.location), .expectationFailed)
  }

  static func describe(_ result: Expectation.Result, option: IntOption? = nil) -> String {
    switch result {
    case .value(let v): "\(v)"
    case .error(let e): "-1 \(e.name)"
    case .timeval(let tv): "{\(tv.seconds), \(tv.microseconds)}"
    case .data(let bytes): TraceFormatter.data(.bytes(bytes))
    case .option(let v): option.map { TraceFormatter.optionValue($0, v) } ?? "[\(v)]"
    case .revents(let r): "[" + r.map(TraceFormatter.events).joined(separator: ", ") + "]"
    }
  }

  static func describe(_ outcome: SyscallOutcome, option: IntOption? = nil) -> String {
    if let e = outcome.errno { return "-1 \(e.name)" }
    if let tv = outcome.timeval { return "{\(tv.seconds), \(tv.microseconds)}" }
    if let data = outcome.data { return TraceFormatter.data(data) }
    if let v = outcome.optionValue { return option.map { TraceFormatter.optionValue($0, v) } ?? "[\(v)]" }
    if let r = outcome.revents { return "[" + r.map(TraceFormatter.events).joined(separator: ", ") + "]" }
    return "\(outcome.value)"
  }

  /// Nothing can run and no timer is pending: every sleeper sleeps forever. Says who waits
  /// where, and stops the run.
  func reportBlockedForever(waitingFor task: TaskID?) {
    let sleepers = backend.sleepingCalls()
    for sleeper in sleepers where tracing {
      let actor = calls[sleeper.call.tag]?.actor ?? backend.name(of: sleeper.task)
      let queue = sleeper.queues.isEmpty ? "" : " on " + queueNames(sleeper.queues)
      output(
        TraceFormatter.line(
          backend.now, actor,
          "<... \(sleeper.call.syscall.name) blocks forever\(queue): no timeout, and no task or timer left to wake it>"
        ))
    }
    let culprit = sleepers.first { $0.task == task } ?? sleepers.first
    guard let culprit, let call = calls[culprit.call.tag] else {
      fail(
        Diagnostic("the scenario cannot go on: no task can run", at: SourceLocation(line: 1, column: 1, offset: 0)),
        .blockedForever)
      return
    }
    let queue = culprit.queues.isEmpty ? "" : " on " + queueNames(culprit.queues)
    let others = sleepers.count > 1 ? " (\(sleepers.count) calls are blocked)" : ""
    fail(
      Diagnostic(
        "\(call.actor) blocks forever in \(culprit.call.syscall.name)\(queue)\(others)",
        at: call.location, length: call.word.count,
        notes: [
          backend.queuedCalls(culprit.task) > 0
            ? "its timeout is MAX_SCHEDULE_TIMEOUT; the \(backend.queuedCalls(culprit.task)) call(s) queued after it on '\(call.actor)' wait for it to return (each socket is one thread)"
            : "its timeout is MAX_SCHEDULE_TIMEOUT and nothing left in the script can wake it"
        ]), .blockedForever)
  }
}
