import SockKernel

/// Runs scripts against one live kernel model. State (sockets, the clock) persists across
/// calls to ``execute(_:)``, so a REPL can feed it statement by statement.
public final class ScenarioSession {
  public let kernel: Kernel
  /// The text diagnostics point into.
  public var source: SourceFile
  /// Print the kernel's reason under every sleep and failure.
  public var explain: Bool
  let output: (String) -> Void
  let report: (Diagnostic) -> Void

  var names = NameCheck()
  var actors: [String: Actor] = [:]
  /// Socket inode → name, for wait-queue owners.
  var socketNames: [Int: String] = [:]
  var calls: [Int: SubmittedCall] = [:]
  var nextTag = 0
  /// The latest `server` declared: where `connect` goes by default.
  var defaultServer: String?
  /// Runs `touch`, `mkdir` and `unlink`.
  let mainTask: TaskID
  /// Worst outcome so far.
  public private(set) var status = ExitStatus.ok
  /// Set when the run cannot go on (a runtime script error, a scenario blocked forever).
  var stopped = false
  /// Polled between kernel steps: true ends the current wait early (a Ctrl-C in the REPL);
  /// the calls started go on when the model runs next.
  public var interruptCheck: () -> Bool = { false }

  public init(
    source: SourceFile, config: KernelConfig = KernelConfig(), explain: Bool = false,
    output: @escaping (String) -> Void, report: @escaping (Diagnostic) -> Void
  ) {
    self.source = source
    self.kernel = Kernel(config: config)
    self.explain = explain
    self.output = output
    self.report = report
    self.mainTask = kernel.spawn(name: "main")
    kernel.onEvent = { [unowned self] event in self.handle(event) }
  }

  /// Checks and runs `script`'s statements in order; returns the status so far.
  @discardableResult
  public func execute(_ script: Script) -> ExitStatus {
    guard !stopped else { return status }
    do throws(Diagnostic) {
      var check = names
      try check.check(script)
      names = check
    } catch {
      fail(error, .scriptError)
      return status
    }
    for statement in script.statements {
      if stopped { break }
      run(statement)
    }
    return status
  }

  /// The end of a script: waits for every background call, as the end of a process would
  /// not, so that nothing a script started goes unreported.
  @discardableResult
  public func finish() -> ExitStatus {
    guard !stopped else { return status }
    runKernel(blocking: nil) { [unowned self] in self.allIdle }
    return status
  }

  var allIdle: Bool { actors.values.allSatisfy { kernel.isIdle($0.task) } && kernel.isIdle(mainTask) }

  func fail(_ diagnostic: Diagnostic, _ why: ExitStatus) {
    report(diagnostic)
    status = max(status, why)
    if why != .expectationFailed { stopped = true }
  }

  // MARK: Statements

  func run(_ statement: Statement) {
    switch statement.kind {
    case .declare(let kind, let name, let type, let operations):
      let actorName = name?.text ?? kind.rawValue
      let actor: Actor
      if let existing = actors[actorName], name == nil {
        actor = existing
      } else {
        actor = declare(actorName, kind: kind, type: type ?? .stream, at: name?.location ?? statement.location)
      }
      submit(operations, for: actor)
      settle(actor, background: statement.background, at: statement.location)
    case .act(let name, let operations):
      guard let actor = actors[name.text] else {
        fail(
          Diagnostic(
            "socket '\(name.text)' does not exist yet", at: name.location, length: name.text.count,
            notes: ["it is created when its accept returns; 'wait' for the accepting socket first"]), .scriptError)
        return
      }
      submit(operations, for: actor)
      settle(actor, background: statement.background, at: statement.location)
    case .sleep(let duration):
      let (end, overflow) = kernel.now.addingReportingOverflow(duration)
      let alarm = kernel.setAlarm(at: overflow ? .max : end)
      runKernel(blocking: nil) { [unowned self] in self.kernel.hasFired(alarm) }
    case .wait(let name):
      if let name {
        guard let actor = actors[name.text] else {
          fail(
            Diagnostic("socket '\(name.text)' does not exist yet", at: name.location, length: name.text.count),
            .scriptError)
          return
        }
        runKernel(blocking: actor.task) { [unowned self] in self.kernel.isIdle(actor.task) }
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
      let tag = remember(
        SubmittedCall(
          actor: "main", location: statement.location, word: operation.rawValue, expectation: expectation,
          acceptName: nil))
      kernel.submit(mainTask, tag: tag) { syscall }
      runKernel(blocking: mainTask) { [unowned self] in self.kernel.isIdle(self.mainTask) }
    }
  }

  /// Creates the socket's task and queues `socket()` (and, for a server, its bind).
  func declare(_ name: String, kind: DeclarationKind, type: SocketType, at location: SourceLocation) -> Actor {
    let actor = Actor(name: name, task: kernel.spawn(name: name))
    actors[name] = actor
    let tag = remember(
      SubmittedCall(actor: name, location: location, word: kind.rawValue, expectation: nil, acceptName: nil))
    kernel.submit(actor.task, tag: tag) { .socket(type: type, protocol: 0) }
    if kind == .server {
      defaultServer = name
      let address = SockAddrUn.filesystem(name + ".sock")
      actor.address = address
      let bindTag = remember(
        SubmittedCall(actor: name, location: location, word: "bind", expectation: nil, acceptName: nil))
      kernel.submit(actor.task, tag: bindTag) { [unowned actor] in .bind(fd: actor.fd ?? -1, address: address) }
    }
    return actor
  }

  /// Foreground statements run until their socket's calls have returned; background ones
  /// only until nothing more can run at this instant.
  func settle(_ actor: Actor, background: Bool, at location: SourceLocation) {
    if background {
      runKernel(blocking: nil) { true }
    } else {
      runKernel(blocking: actor.task) { [unowned self] in self.kernel.isIdle(actor.task) }
    }
  }

  func remember(_ call: SubmittedCall) -> Int {
    nextTag += 1
    calls[nextTag] = call
    return nextTag
  }

  /// Runs the model until `condition` holds; if it never can, reports who blocks forever.
  func runKernel(blocking task: TaskID?, until condition: () -> Bool) {
    let stop = kernel.run { stopped || interruptCheck() || condition() }
    if stop == .stalled && !stopped { reportBlockedForever(waitingFor: task) }
  }
}
