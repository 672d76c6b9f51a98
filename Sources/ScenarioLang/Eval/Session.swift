import BitCollections
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
  /// What the trace keeps (`--calls`, `--sockets`) and adds (`--durations`).
  public var traceControls = TraceControls()
  /// Sees every event the trace keeps (`--format jsonl`, `--summary`, a timeline).
  public var onTraceEvent: ((TraceEvent) -> Void)?
  /// Print the trace's lines; false leaves the events to ``onTraceEvent`` alone.
  public var printsTrace = true
  /// Takes a returned call's trace line as bytes, without its newline and followed in
  /// memory by a NUL that is not counted (a C string for `puts`), in order with the lines
  /// given to `output`; nil gives every line to `output`. Making a `String` of the
  /// line, which the command line only writes out, was an allocation and a UTF-8
  /// validation, some 740 instructions a line (callgrind, a traced cycle).
  public var lineSink: ((UnsafeBufferPointer<UInt8>) -> Void)?
  /// The storage ``lineSink``'s lines are written into, kept from line to line.
  var lineBytes: [UInt8] = []
  let output: (String) -> Void
  let report: (Diagnostic) -> Void

  var names = NameCheck()
  /// The sockets the script has named, by name.
  var sockets = NameTable<ScenarioSocket>()
  /// The threads declared for themselves, by name: `main`, those of `thread NAME`, and each
  /// forked process's first. A socket's own thread, named as the socket, is found through
  /// the socket (``thread(named:)``): a second dictionary by the same million names cost
  /// some 60 bytes and an insertion (600–800 instructions) a socket (`massif`, callgrind).
  var declaredThreads: [String: ScenarioThread] = [:]
  /// Each task's thread, by the task's raw value (ids are 0, 1, 2… in spawn order): the
  /// session's name for it (a forked child's task is named after its parent's in the
  /// kernel) and its process.
  var threadsByTask = DenseTable<ScenarioThread>()
  /// The tasks of forked processes whose threads have made a call, by raw value: real
  /// threads, whose end at an `execve` strace shows (a socket's own thread that never made
  /// one is no thread of the program). A bit per task: a flag in every `ScenarioThread` made
  /// it 57 bytes, an 80-byte allocation rather than 64.
  var tasksThatCalled = BitSet()
  /// The processes `fork` made: by name, the latest of that name, which statements reach;
  /// by pid, every one, which the kernel's events reach (and which keeps each alive, for
  /// its threads' unowned link to it).
  var processes: [String: ScenarioProcess] = [:]
  var processesByPid: [Int32: ScenarioProcess] = [:]
  /// Socket inode → name, for wait-queue owners (inodes count up from the kernel's first).
  var socketNames = DenseTable<String>()
  /// Process 1, where every script runs today: its descriptors name the sockets of a `poll`.
  let initialProcess: ScenarioProcess
  var calls = SubmittedCalls()
  var nextTag = 0
  /// The latest `server` declared: where `connect` goes by default.
  var defaultServer: String?
  /// Runs `touch`, `mkdir`, `unlink`, `signal` and `sysctl`: process 1's thread of the
  /// statements that name no socket.
  let mainThread: ScenarioThread
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
  var bindings = LoopBindings()
  /// Statements executed so far, against ``Limits/maxStatements``.
  var statementsRun = 0
  /// Sleeping calls woken so far, against ``Limits/maxWakeups``.
  var wakeups = 0
  /// Sockets created so far (declared or accepted), against ``Limits/maxSockets``.
  var socketsCreated = 0
  /// Processes forked and threads declared so far, against ``Limits/maxProcesses`` and
  /// ``Limits/maxThreads``.
  var processesForked = 0
  var threadsDeclared = 0
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
    let process = ScenarioProcess(pid: 1)
    self.initialProcess = process
    self.mainThread = process.addThread(named: "main", task: backend.spawn(name: "main"))
    declaredThreads[mainThread.name] = mainThread
    threadsByTask[mainThread.task.rawValue] = mainThread
    // Unchecked: the session owns its backend, whose events come only while the session
    // runs it; a checked unowned reference cost a strong retain and release per event.
    backend.onEvent = { [unowned(unsafe) self] event, at in self.handle(event, at: at) }
    backend.limitVirtualTime(to: limits.maxVirtualTime)
    spawningTasks(process)
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
    if !stopped { runKernel(blocking: nil) { self.allIdle } }
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

  /// Why a socket a statement acts on may not exist yet; a constant, since an array literal
  /// at the call would be allocated by every statement.
  static let acceptedLaterNotes = ["it is created when its accept returns; 'wait' for the accepting socket first"]

  func run(_ statement: Statement) {
    var prefix: ScenarioThread?
    if let name = statement.thread {
      guard let thread = namedThread(name), isRunning(thread, at: name.location, length: name.text.count) else {
        return
      }
      prefix = thread
    }
    switch statement.kind {
    case .declare(let kind, let name, let type, let expectation, let operations, let flags):
      let socketName = name.map(resolved) ?? kind.rawValue
      let socket: ScenarioSocket
      if let existing = sockets[socketName], name == nil {
        if let expectation { return fail(NameCheck.noSocketCall(kind, expectation), .scriptError) }
        socket = existing
      } else {
        let at = name ?? Name(text: kind.rawValue, location: statement.location)
        guard
          let declared = declare(
            socketName, kind: kind, type: type ?? .stream, flags: flags, expectation: expectation, at: at, by: prefix)
        else { return }
        socket = declared
      }
      let caller = prefix ?? socket.thread
      guard isRunning(caller, at: statement.location, length: 1) else { return }
      submit(operations, for: socket, by: caller)
      settle(caller, background: statement.background)
    case .act(let name, let operations):
      guard let socket = existingSocket(name, notes: Self.acceptedLaterNotes) else { return }
      let caller = prefix ?? socket.thread
      guard isRunning(caller, at: statement.location, length: 1) else { return }
      submit(operations, for: socket, by: caller)
      settle(caller, background: statement.background)
    case .sleep where prefix != nil:
      runProcessStatement(statement, by: prefix!)
    case .sleep(let duration):
      let (end, overflow) = backend.now.addingReportingOverflow(duration)
      let alarm = backend.setAlarm(at: overflow ? .max : end)
      runKernel(blocking: nil) { self.backend.hasFired(alarm) }
    case .wait(let name):
      if let name {
        guard let task = namedThread(name)?.task else { return }
        runKernel(blocking: task) { self.backend.isIdle(task) }
      } else {
        runKernel(blocking: nil) { self.allIdle }
      }
    case .file(let operation, let path, let expectation):
      let text = String(decoding: path, as: UTF8.self)
      let syscall: Syscall =
        switch operation {
        case .touch: .createFile(path: text)
        case .mkdir: .mkdir(path: text)
        case .unlink: .unlink(path: text)
        }
      runCall(
        syscall, by: prefix ?? mainThread, word: operation.rawValue, expectation: expectation, at: statement.location)
    case .socketpair(let first, let second, let type, let expectation, let flags):
      runSocketpair(first, second, type: type ?? .stream, flags: flags, expectation: expectation, by: prefix)
    case .signal(let name, let signal):
      guard let task = namedThread(name)?.task else { return }
      runCall(
        .kill(task: task, signal: signal), by: prefix ?? mainThread, word: "signal", expectation: nil,
        at: statement.location)
    case .sysctl(let sysctl, let value, let expectation):
      runCall(
        .sysctl(sysctl, value: value), by: prefix ?? mainThread, word: "sysctl", expectation: expectation,
        at: statement.location)
    case .thread(let name, let process):
      declareThread(name, in: process)
    case .fork, .exit, .exec, .waitpid, .kill, .setuid, .setgid, .setrlimit:
      runProcessStatement(statement, by: prefix ?? mainThread)
    case .ignoreSigpipe:
      // The process's action, shared by its threads and inherited by the children it forks.
      let caller = prefix ?? mainThread
      caller.process.ignoresSIGPIPE = true
      backend.ignoreSignal(.SIGPIPE, in: caller.task)
    case .state:
      traceState()
    case .sigprocmask(let how, let set, let expectation):
      runCall(
        .sigprocmask(how: how, set: set), by: prefix ?? mainThread,
        word: how == .SIG_BLOCK ? StatementWord.block.rawValue : StatementWord.unblock.rawValue,
        expectation: expectation, at: statement.location)
    case .handleSigurg(let restart):
      // The process's action, shared by its threads, copied by a fork, reset by an exec.
      backend.catchSignal(.SIGURG, restart: restart, in: (prefix ?? mainThread).task)
    case .loop(let loop):
      run(loop)
    case .open(let path, let name, let expectation):
      runOpen(
        String(decoding: path, as: UTF8.self), as: name, expectation: expectation, at: statement.location, by: prefix)
    case .epoll(let name, let flags, let expectation):
      runOpen(
        .epollCreate(flags: flags), word: "epoll", as: name, expectation: expectation, at: statement.location,
        by: prefix)
    }
  }

  /// A call raised a signal whose action kills the process (SIGPIPE's default): the
  /// scenario ends.
  func killedBySignal() {
    status = max(status, .killedBySignal)
    stopped = true
  }

  /// Foreground statements run until their thread's calls have returned; background ones
  /// only until nothing more can run at this instant.
  func settle(_ thread: ScenarioThread, background: Bool) {
    if background {
      runKernel(blocking: nil) { true }
    } else {
      let task = thread.task
      runKernel(blocking: task) { self.backend.isIdle(task) }
    }
  }

  /// Keeps `call` until it returns.
  func remember(_ call: SubmittedCall, name: String) -> Int {
    let thread = call.thread
    nextTag += 1
    calls.insert(call, tag: nextTag)
    // Only a forked process calls `execve` (``runExec(_:by:)``), so only its threads are
    // asked about: process 1's, whose calls are most, skip the bit.
    if thread.process !== initialProcess { tasksThatCalled.insert(thread.task.rawValue) }
    callLog?.issued(
      tag: nextTag, actor: call.actor, location: call.location, word: call.word, name: name,
      expectation: call.expectation)
    return nextTag
  }

  /// Runs the model until `condition` holds; if it never can, reports who blocks forever.
  func runKernel(blocking task: TaskID?, until condition: () -> Bool) {
    let stop = backend.run { stopped || interruptCheck() || condition() }
    guard !stopped, !stopsForInterrupt() else { return }
    switch stop {
    case .satisfied, .halted: break
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
