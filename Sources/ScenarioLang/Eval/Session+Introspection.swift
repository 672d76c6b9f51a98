import SockKernel
import SyscallVocabulary

/// What an interactive front end needs from a live session beyond ``ScenarioSession/execute(_:)``:
/// going on after an error, the names it knows, and running one statement at a time.
extension ScenarioSession {
  /// True after a runtime script error, a scenario that blocks forever or an interrupt:
  /// ``execute(_:)`` refuses to run more until ``resume()``.
  public var isStopped: Bool { stopped }

  /// Lets a stopped session run again. A script stops at its first runtime error; a REPL
  /// reports it and goes on with the next line, and whatever was blocked stays blocked.
  public func resume() {
    stopped = false
    wasInterrupted = false
  }

  /// Gives the next input full statement and wake-up budgets (``Limits/maxStatements``,
  /// ``Limits/maxWakeups``): a REPL's line gets what a script gets, however long the
  /// session has run.
  public func restartBudgets() {
    statementsRun = 0
    wakeups = 0
  }

  /// Stops the session when ``interruptCheck`` asks to, as an error would but with the
  /// status untouched; true when it did.
  func stopsForInterrupt() -> Bool {
    guard interruptCheck() else { return false }
    stopped = true
    wasInterrupted = true
    return true
  }

  /// Every socket name the script has declared so far (including `accept as NAME` names
  /// whose accept has not returned yet), sorted.
  public var declaredNames: [String] { Set(names.sockets.keys).union(sockets.names).sorted() }

  /// How traces name the socket with this inode: its script name, or `socket#INODE` for one
  /// the script never named (an embryo, an anonymous accept).
  public func displayName(ofSocket inode: Int) -> String { socketName(inode) }

  /// Checks `script`'s names against what is declared, without running or declaring anything.
  public func checkNames(_ script: Script) throws(Diagnostic) {
    var check = names
    check.file = citesSourceNames ? source.name : nil
    try check.check(script)
  }

  /// Runs one statement (checking its names first), as ``execute(_:)`` would within a script.
  @discardableResult
  public func execute(_ statement: Statement) -> ExitStatus {
    execute(Script(statements: [statement]))
  }
}

extension ScenarioSession {
  /// `state`: the socket table as `:state` shows it, in full (every column), into the trace
  /// at this point: one `state` event whose text is the table's lines.
  func traceState() {
    guard tracing else { return }
    let (sockets, clock) = backend.socketTable()
    let lines = StateTable.render(sockets, name: displayName(ofSocket:), clock: clock, width: .max)
    emitTrace(
      TraceEvent(
        kind: .state, time: backend.now, thread: TraceFormatter.stateActor, pid: 1,
        text: lines.joined(separator: "\n")))
  }
}
