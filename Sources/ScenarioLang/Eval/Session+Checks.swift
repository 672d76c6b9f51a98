import SockKernel
import SyscallVocabulary

/// What an event means for the run: a signal that kills the process, a limit passed, an
/// expectation that fails, a call that cannot go on, a scenario that blocks forever.
extension ScenarioSession {
  /// Checks a returned call, after its trace lines.
  func checkReturn(_ record: CallRecord, _ outcome: SyscallOutcome, of call: SubmittedCall, at now: Nanoseconds) {
    // A forked process that dies of it ends alone, which the backend reports as its end.
    if kills(outcome.raised, in: call), call.thread.process === initialProcess { killedBySignal() }
    if case .accept = record.syscall, outcome.errno == nil, socketsCreated > limits.maxSockets, !stopped {
      fail(limits.socketsExceeded(at: call.location, length: call.word.count), .scriptError)
    }
    if let expectation = call.expectation {
      var option: IntOption?
      if case .getIntOption(_, let read, _) = record.syscall { option = read }
      var flags: FcntlCommand?
      if case .fcntl(_, let command, _) = record.syscall { flags = command }
      check(expectation, against: outcome, at: now, of: call, option: option, flags: flags)
    }
  }

  /// Whether a signal `call` raised at its own thread kills its process: SIGPIPE's default
  /// action does, unless the process ignores it (`ignore SIGPIPE`).
  func kills(_ signal: Signal?, in call: SubmittedCall) -> Bool {
    signal == .SIGPIPE && !call.thread.process.ignoresSIGPIPE
  }

  /// A call the backend gave up: the run stops with a diagnostic at the operation that made
  /// it (none when the session did not submit it).
  func abandon(_ record: CallRecord, _ message: String, notes: [String], _ why: ExitStatus) {
    let call = calls.removeValue(forKey: record.tag)
    fail(Diagnostic(message, at: call?.location, length: call?.word.count ?? 1, notes: notes), why)
  }

  /// Compares a returned call with its `= …` expectation; `option` is the one a `get` read,
  /// and `flags` the `fcntl` command that read flags, so that a failure shows its values as
  /// the trace does (`[SOCK_STREAM]`, `0x802 (flags O_RDWR|O_NONBLOCK)`).
  func check(
    _ expectation: Expectation, against outcome: SyscallOutcome, at now: Nanoseconds, of call: SubmittedCall,
    option: IntOption? = nil, flags: FcntlCommand? = nil
  ) {
    // F_GETOWN's owner a thread: its value is a tid, which no number written can match.
    var numbered: Bool { expectation.results.contains { if case .value = $0 { true } else { false } } }
    let resultHolds = expectation.holds(for: outcome) && !(outcome.owner != nil && numbered)
    let timeHolds = !checksTimes || (expectation.time.map { backend.timeAgrees(expected: $0, actual: now) } ?? true)
    guard !resultHolds || !timeHolds else { return }
    var expected = expectation.results.map { Self.describe($0, option: option) }.joined(separator: " or ")
    var actual = Self.describe(outcome, option: option)
    if let owner = outcome.owner { actual = "the tid of \(threadName(of: owner))" }
    if let flags, outcome.errno == nil, outcome.optionValue != nil {
      actual = TraceFormatter.fcntlResult(flags, outcome.value).map { String($0.dropFirst(2)) } ?? "\(outcome.value)"
    }
    if let time = expectation.time {
      expected += " at \(TraceFormatter.time(time))"
      actual += " at \(TraceFormatter.time(now))"
    }
    fail(
      Diagnostic(
        "expected \(Self.callWord(call)) to return \(expected), but it returned \(actual)",
        at: expectation.location), .expectationFailed)
  }

  static func describe(_ result: Expectation.Result, option: IntOption? = nil) -> String {
    switch result {
    case .value(let v): "\(v)"
    case .error(let e): "-1 \(e.name)"
    case .timeval(let tv): "{\(tv.seconds), \(tv.microseconds)}"
    case .data(let bytes): TraceFormatter.data(.bytes(bytes))
    case .ucred(let cred): "\(cred)"
    case .abstractName(let bytes): "@\"" + SockAddrUn.escape(bytes) + "\""
    case .option(let v): option.map { TraceFormatter.optionValue($0, v) } ?? "[\(v)]"
    case .revents(let r): "[" + r.map(TraceFormatter.events).joined(separator: ", ") + "]"
    case .success: "any success"
    case .relation(let relation, let bound): "\(relation.rawValue) \(bound)"
    }
  }

  /// The call as a failed expectation names it: the operation's word, or `socket` for the
  /// socket() of a declaration (whose word is `server`, `client` or `socket`).
  static func callWord(_ call: SubmittedCall) -> String {
    DeclarationKind(rawValue: call.word) != nil ? "socket" : call.word
  }

  static func describe(_ outcome: SyscallOutcome, option: IntOption? = nil) -> String {
    if let e = outcome.errno { return "-1 \(e.name)" }
    if let tv = outcome.timeval { return "{\(tv.seconds), \(tv.microseconds)}" }
    if let data = outcome.data { return TraceFormatter.data(data) }
    if let name = outcome.name { return TraceFormatter.sockName(name) }
    if let cred = outcome.peerCred { return "\(cred)" }
    if let v = outcome.optionValue { return option.map { TraceFormatter.optionValue($0, v) } ?? "[\(v)]" }
    if let r = outcome.revents { return "[" + r.map(TraceFormatter.events).joined(separator: ", ") + "]" }
    return "\(outcome.value)"
  }

  /// Nothing can run and no timer is pending: every sleeper sleeps forever. Says who waits
  /// where, and stops the run.
  func reportBlockedForever(waitingFor task: TaskID?) {
    let sleepers = backend.sleepingCalls()
    if tracing { traceBlockedForever(sleepers) }
    let culprit = sleepers.first { $0.task == task } ?? sleepers.first
    guard let culprit, let call = calls[culprit.call.tag] else {
      // No call of the script sleeps, so no statement is to blame.
      fail(Diagnostic("the scenario cannot go on: no task can run", at: nil), .blockedForever)
      return
    }
    let queue = culprit.queues.isEmpty ? "" : " on " + queueNames(culprit.queues)
    let others = sleepers.count > 1 ? " (\(sleepers.count) calls are blocked)" : ""
    let queued = backend.queuedCalls(culprit.task)
    fail(
      Diagnostic(
        "\(call.actor) blocks forever in \(culprit.call.syscall.name)\(queue)\(others)",
        at: call.location, length: call.word.count,
        notes: [
          queued > 0
            ? "its timeout is MAX_SCHEDULE_TIMEOUT; the \(queued) call(s) queued after it on '\(call.actor)' wait for it to return (each socket is one thread)"
            : "its timeout is MAX_SCHEDULE_TIMEOUT and nothing left in the script can wake it"
        ]), .blockedForever)
  }
}
