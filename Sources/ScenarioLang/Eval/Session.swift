import SockKernel
import SyscallVocabulary

/// Runs scripts against one live kernel, the model or the real one. State (sockets, the
/// clock) persists across calls to ``execute(_:)``, so a REPL can feed it statement by
/// statement.
public final class ScenarioSession {
  public let backend: ScenarioBackend
  /// The model, when the session runs on it.
  public var kernel: Kernel? { (backend as? ModelBackend)?.kernel }
  /// The text diagnostics point into.
  public var source: SourceFile
  /// Notes cite where a name was declared with the source's name (`<repl>:2:8`), for a
  /// session fed from several sources (a REPL's lines, `:load`ed files).
  public var citesSourceNames = false
  /// Print the kernel's reason under every sleep and failure.
  public var explain: Bool
  /// Print the trace; false keeps only diagnostics (failed expectations, errors) and
  /// skips formatting altogether, for benchmarks and `run --quiet`.
  public var tracing = true
  let output: (String) -> Void
  let report: (Diagnostic) -> Void

  var names = NameCheck()
  var actors: [String: Actor] = [:]
  /// Socket inode → name, for wait-queue owners.
  var socketNames: [Int: String] = [:]
  /// Open descriptor → the name of its socket, for the sockets of a `poll`.
  var fdNames: [Int32: String] = [:]
  var calls: [Int: SubmittedCall] = [:]
  var nextTag = 0
  /// The latest `server` declared: where `connect` goes by default.
  var defaultServer: String?
  /// Runs `touch`, `mkdir` and `unlink`.
  let mainTask: TaskID
  /// Every call, for `verify`; nil (the default) keeps no record.
  public var callLog: CallLog?
  /// Whether `at TIME` expectations are checked; `verify` leaves the kernel side's to the
  /// comparison with the model, which knows the run's drift call by call.
  public var checksTimes = true
  /// Worst outcome so far.
  public private(set) var status = ExitStatus.ok
  /// Set when the run cannot go on (a runtime script error, a scenario blocked forever,
  /// an interrupt).
  var stopped = false
  /// Set with ``stopped`` by an interrupt: the input ends early, but nothing failed.
  public internal(set) var wasInterrupted = false
  /// What the run may use; the model's clock stops at ``Limits/maxVirtualTime``.
  public var limits = Limits() {
    didSet { backend.limitVirtualTime(to: limits.maxVirtualTime) }
  }
  /// The values of the loop variables of the `repeat`s running now.
  var bindings: [String: Int] = [:]
  /// `ignore SIGPIPE` was run: a raised SIGPIPE kills nobody.
  var ignoresSigpipe = false
  /// Statements executed so far, against ``Limits/maxStatements``.
  var statementsRun = 0
  /// Sockets created so far (declared or accepted), against ``Limits/maxSockets``.
  var socketsCreated = 0
  /// The statement running now, where an error of the run as a whole (a limit) points.
  var running: (location: SourceLocation, length: Int)?
  /// Polled between kernel steps and statements: true stops the input running now (a
  /// Ctrl-C in the REPL) as an error would, without failing it; the calls started go on
  /// when the model runs next.
  public var interruptCheck: () -> Bool = { false }

  /// A session on a fresh model configured by `config`.
  public convenience init(
    source: SourceFile, config: KernelConfig = KernelConfig(), explain: Bool = false,
    output: @escaping (String) -> Void, report: @escaping (Diagnostic) -> Void
  ) {
    self.init(
      source: source, backend: ModelBackend(config: config), explain: explain, output: output, report: report)
  }

  /// A session on `backend`, which it then owns: ``finish()`` shuts it down.
  public init(
    source: SourceFile, backend: ScenarioBackend, explain: Bool = false,
    output: @escaping (String) -> Void, report: @escaping (Diagnostic) -> Void
  ) {
    self.source = source
    self.backend = backend
    self.explain = explain
    self.output = output
    self.report = report
    self.mainTask = backend.spawn(name: "main")
    backend.onEvent = { [unowned self] event, at in self.handle(event, at: at) }
    backend.limitVirtualTime(to: limits.maxVirtualTime)
  }

  /// Checks and runs `script`'s statements in order; returns the status so far.
  @discardableResult
  public func execute(_ script: Script) -> ExitStatus {
    guard !stopped else { return status }
    do throws(Diagnostic) {
      var check = names
      check.file = citesSourceNames ? source.name : nil
      try check.check(script)
      names = check
    } catch {
      fail(error, .scriptError)
      return status
    }
    runStatements(script.statements)
    return status
  }

  /// The end of a script: waits for every background call, as the end of a process would
  /// not, so that nothing a script started goes unreported.
  @discardableResult
  public func finish() -> ExitStatus {
    if !stopped { runKernel(blocking: nil) { [unowned self] in self.allIdle } }
    backend.shutDown()
    return status
  }

  /// Every task is idle exactly when every call submitted has returned: O(1), where asking
  /// each of a million tasks made every `wait` O(sockets).
  var allIdle: Bool { calls.isEmpty }

  func fail(_ diagnostic: Diagnostic, _ why: ExitStatus) {
    report(diagnostic)
    status = max(status, why)
    if why != .expectationFailed { stopped = true }
  }

  // MARK: Statements

  func run(_ statement: Statement) {
    switch statement.kind {
    case .declare(let kind, let name, let type, let operations):
      let actorName = name.map(resolved) ?? kind.rawValue
      let actor: Actor
      if let existing = actors[actorName], name == nil {
        actor = existing
      } else {
        let at = name ?? Name(text: kind.rawValue, location: statement.location)
        guard let declared = declare(actorName, kind: kind, type: type ?? .stream, at: at) else { return }
        actor = declared
      }
      submit(operations, for: actor)
      settle(actor, background: statement.background, at: statement.location)
    case .act(let name, let operations):
      guard
        let actor = existingActor(
          name, notes: ["it is created when its accept returns; 'wait' for the accepting socket first"])
      else { return }
      submit(operations, for: actor)
      settle(actor, background: statement.background, at: statement.location)
    case .sleep(let duration):
      let (end, overflow) = backend.now.addingReportingOverflow(duration)
      let alarm = backend.setAlarm(at: overflow ? .max : end)
      runKernel(blocking: nil) { [unowned self] in self.backend.hasFired(alarm) }
    case .wait(let name):
      if let name {
        guard let actor = existingActor(name) else { return }
        runKernel(blocking: actor.task) { [unowned self] in self.backend.isIdle(actor.task) }
      } else {
        runKernel(blocking: nil) { [unowned self] in self.allIdle }
      }
    case .file(let operation, let path, let expectation):
      let text = String(decoding: path, as: UTF8.self)
      let syscall: Syscall =
        switch operation {
        case .touch: .createFile(path: text)
        case .mkdir: .mkdir(path: text)
        case .unlink: .unlink(path: text)
        }
      runOnMain(syscall, word: operation.rawValue, expectation: expectation, at: statement.location)
    case .socketpair(let first, let second, let type, let expectation):
      runSocketpair(first, second, type: type ?? .stream, expectation: expectation, at: statement.location)
    case .signal(let name, let signal):
      guard let actor = existingActor(name) else { return }
      runOnMain(.kill(task: actor.task, signal: signal), word: "signal", expectation: nil, at: statement.location)
    case .sysctl(let sysctl, let value, let expectation):
      runOnMain(.sysctl(sysctl, value: value), word: "sysctl", expectation: expectation, at: statement.location)
    case .ignoreSigpipe:
      ignoresSigpipe = true
    case .loop(let loop):
      run(loop)
    }
  }

  /// A call by the `main` task, run to completion.
  func runOnMain(_ syscall: Syscall, word: String, expectation: Expectation?, at location: SourceLocation) {
    let tag = remember(
      SubmittedCall(actor: "main", location: location, word: word, expectation: expectation, acceptName: nil),
      name: syscall.name)
    backend.submit(mainTask, tag: tag) { syscall }
    runKernel(blocking: mainTask) { [unowned self] in self.backend.isIdle(self.mainTask) }
  }

  /// `socketpair A B`: both sockets get a thread; A's makes the call.
  func runSocketpair(
    _ first: Name, _ second: Name, type: SocketType, expectation: Expectation?, at location: SourceLocation
  ) {
    guard socketsCreated + 2 <= limits.maxSockets else {
      fail(limits.socketsExceeded(at: second.location, length: second.text.count), .scriptError)
      return
    }
    guard let a = newActor(resolved(first), at: first), let b = newActor(resolved(second), at: second) else { return }
    socketsCreated += 2
    a.type = type
    b.type = type
    var call = SubmittedCall(
      actor: a.name, location: first.location, word: "socketpair", expectation: expectation, acceptName: nil)
    call.pairName = b.name
    call.owner = a
    let tag = remember(call, name: "socketpair")
    backend.submit(a.task, tag: tag) { .socketpair(type: type) }
    runKernel(blocking: a.task) { [unowned self] in self.backend.isIdle(a.task) }
  }

  /// A call raised a signal whose action kills the process (SIGPIPE's default): the
  /// scenario ends.
  func killedBySignal() {
    status = max(status, .killedBySignal)
    stopped = true
  }

  /// Creates the socket's task and queues `socket()` (and, for a server, its bind); nil
  /// (after a diagnostic at `written`) when that would pass the socket limit.
  func declare(_ name: String, kind: DeclarationKind, type: SocketType, at written: Name) -> Actor? {
    guard socketsCreated < limits.maxSockets else {
      fail(limits.socketsExceeded(at: written.location, length: written.text.count), .scriptError)
      return nil
    }
    guard let actor = newActor(name, at: written) else { return nil }
    socketsCreated += 1
    let location = written.location
    actor.type = type == .raw ? .dgram : type
    var socketCall = SubmittedCall(
      actor: name, location: location, word: kind.rawValue, expectation: nil, acceptName: nil)
    socketCall.owner = actor
    let tag = remember(socketCall, name: "socket")
    backend.submit(actor.task, tag: tag) { .socket(type: type, protocol: 0) }
    if kind == .server {
      defaultServer = name
      let address = SockAddrUn.filesystem(name + ".sock")
      actor.address = address
      var bindCall = SubmittedCall(actor: name, location: location, word: "bind", expectation: nil, acceptName: nil)
      bindCall.owner = actor
      let bindTag = remember(bindCall, name: "bind")
      backend.submit(actor.task, tag: bindTag) { [unowned actor] in .bind(fd: actor.fd ?? -1, address: address) }
    }
    return actor
  }

  /// Foreground statements run until their socket's calls have returned; background ones
  /// only until nothing more can run at this instant.
  func settle(_ actor: Actor, background: Bool, at location: SourceLocation) {
    if background {
      runKernel(blocking: nil) { true }
    } else {
      runKernel(blocking: actor.task) { [unowned self] in self.backend.isIdle(actor.task) }
    }
  }

  func remember(_ call: SubmittedCall, name: String) -> Int {
    nextTag += 1
    calls[nextTag] = call
    callLog?.issued(tag: nextTag, actor: call.actor, location: call.location, word: call.word, name: name)
    return nextTag
  }

  /// Runs the model until `condition` holds; if it never can, reports who blocks forever.
  func runKernel(blocking task: TaskID?, until condition: () -> Bool) {
    let stop = backend.run { stopped || interruptCheck() || condition() }
    guard !stopped, !stopsForInterrupt() else { return }
    switch stop {
    case .satisfied: break
    case .stalled:
      if let why = backend.stopReason {
        fail(Diagnostic(why, at: running?.location, length: running?.length ?? 1), .blockedForever)
      } else {
        reportBlockedForever(waitingFor: task)
      }
    case .timeLimit(let next):
      fail(
        limits.virtualTimeExceeded(next: next, at: running?.location, length: running?.length ?? 1), .scriptError)
    }
  }
}
