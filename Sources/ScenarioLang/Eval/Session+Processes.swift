import SockKernel
import SyscallVocabulary

/// Processes: `fork NAME` makes one (its first thread is named NAME too), `thread T in NAME`
/// gives it more threads, and `exit`, `exec`, `waitpid`, `kill`, `setuid`, `setgid` are the calls of
/// their lives. A socket name stands for the same descriptor number in every process; a
/// forked child's table is a copy of its parent's, so the number names the same open file
/// there until one of them closes it.
extension ScenarioSession {
  func runProcessStatement(_ statement: Statement, by caller: ScenarioThread) {
    let location = statement.location
    switch statement.kind {
    case .fork(let name, let expectation):
      guard processesForked < limits.maxProcesses else {
        fail(limits.processesExceeded(at: location, length: 4), .scriptError)
        return
      }
      processesForked += 1
      let call = SubmittedCall(
        thread: caller, location: location, word: "fork", expectation: expectation, acceptName: name)
      call.acceptAs = resolved(name)
      submitCall(.fork, call, by: caller, background: false)
    case .exit(let status):
      guard caller.process !== initialProcess else {
        fail(
          Diagnostic(
            "'exit' ends a forked process, and \(caller.name) is a thread of process 1", at: location,
            length: statement.thread.map { $0.text.count + 1 } ?? 4,
            notes: ["name a thread of a forked process: 'child: exit \(status)'"]), .scriptError)
        return
      }
      submitCall(.exitGroup(status: status), plain(caller, "exit", nil, location), by: caller, background: false)
    case .exec:
      runExec(statement, by: caller)
    case .waitpid(let name, let expectation):
      var pid: Int32 = -1
      if let name {
        guard let process = namedProcess(name) else { return }
        pid = process.pid
      }
      submitCall(
        .wait4(pid: pid), plain(caller, "waitpid", expectation, location), by: caller,
        background: statement.background)
    case .kill(let name, let signal, let expectation):
      guard let process = namedProcess(name) else { return }
      submitCall(
        .killProcess(pid: process.pid, signal: signal), plain(caller, "kill", expectation, location), by: caller,
        background: false)
    case .setuid(let uid, let expectation):
      submitCall(.setuid(uid), plain(caller, "setuid", expectation, location), by: caller, background: false)
    case .setgid(let gid, let expectation):
      submitCall(.setgid(gid), plain(caller, "setgid", expectation, location), by: caller, background: false)
    case .setrlimit(let limit, let expectation):
      submitCall(
        .setrlimitNofile(limit), plain(caller, "setrlimit", expectation, location), by: caller, background: false)
    case .sleep(let duration):
      // `THREAD: sleep D` is the thread's own sleep(3): clock_nanosleep, which blocks only it.
      submitCall(
        .nanosleep(duration), plain(caller, "sleep", nil, location), by: caller, background: statement.background)
    default:
      preconditionFailure("not a process statement")
    }
  }

  func plain(
    _ caller: ScenarioThread, _ word: String, _ expectation: Expectation?, _ location: SourceLocation
  ) -> SubmittedCall {
    SubmittedCall(
      thread: caller, location: location, word: word, expectation: expectation, acceptName: nil)
  }

  /// Queues `syscall` for `thread` and runs it, to its return unless `background`.
  func submitCall(_ syscall: Syscall, _ call: SubmittedCall, by thread: ScenarioThread, background: Bool) {
    let tag = remember(call, name: syscall.name)
    backend.submit(thread.task, tag: tag, syscall: syscall)
    settle(thread, background: background)
  }

  /// The process `fork NAME` made; nil, after an error, when there is none (yet).
  func namedProcess(_ name: Name) -> ScenarioProcess? {
    let text = resolved(name)
    if let process = processes[text] { return process }
    fail(
      Diagnostic(
        "process '\(text)' does not exist yet", at: name.location, length: name.text.count,
        notes: ["it is made by 'fork \(text)'"]), .scriptError)
    return nil
  }

  /// `fork` returned `pid` in the parent: the child process, with a copy of the parent's
  /// descriptors (the same open files) and its one thread, named as the process.
  func forked(_ call: SubmittedCall, pid: Int32, child task: TaskID?) -> String? {
    guard let name = call.acceptAs, let task else { return nil }
    let parent = call.thread.process
    let process = spawningTasks(ScenarioProcess(pid: pid, name: name))
    process.descriptors = parent.descriptors
    process.ignoresSIGPIPE = parent.ignoresSIGPIPE
    processes[name] = process
    processesByPid[pid] = process
    let thread = process.addThread(named: name, task: task)
    declaredThreads[name] = thread
    threadsByTask[task.rawValue] = thread
    return name
  }

  /// A process other than process 1 ended: its calls in flight end unreturned, and the trace
  /// says how, as strace does.
  func processEnded(pid: Int32, tasks: [TaskID], end: ProcessEnd, at now: Nanoseconds) {
    guard let process = processesByPid[pid] else { return }
    let name = process.name
    process.ended = end
    let ending = Set(tasks)
    var exitCall: SubmittedCall?
    for (tag, call) in calls.all where ending.contains(call.thread.task) {
      if call.word == ThreadStatementWord.exit.rawValue { exitCall = call }
      calls[tag] = nil
    }
    guard tracing else { return }
    // `exit_group` never returns: strace shows it with `= ?`.
    if let exitCall, case .exited(let code) = end {
      var call = TraceEvent(
        kind: .returned, time: now, thread: exitCall.actor, pid: pid,
        text: "exit_group(\(code)) = ?")
      call.call = "exit_group"
      call.socket = exitCall.socket?.name
      emitTrace(call)
    }
    let text =
      switch end {
      case .exited(let code): "+++ exited with \(code) +++"
      case .killed(let signal): "+++ killed by \(signal) +++"
      }
    emitTrace(TraceEvent(kind: .process, time: now, thread: name, pid: pid, text: text))
  }

  /// `thread NAME in PROCESS`'s thread, or a socket's own thread in `process`; its task is
  /// spawned when a statement first needs it (``spawnTask(for:)``).
  func spawnThread(named name: String, in process: ScenarioProcess) -> ScenarioThread {
    process.addThread(named: name)
  }

  /// Spawns `thread`'s task in its process, named as the thread (the kernel marks it ended
  /// if the process has ended).
  func spawnTask(for thread: ScenarioThread) -> TaskID {
    let process = thread.process
    let task: TaskID
    if process === initialProcess {
      task = backend.spawn(name: thread.name)
    } else {
      task = backend.spawn(name: thread.name, alongside: process.threads.first!.task)
    }
    threadsByTask[task.rawValue] = thread
    return task
  }

  /// `process`, which spawns its threads' tasks through the session from now on.
  @discardableResult
  func spawningTasks(_ process: ScenarioProcess) -> ScenarioProcess {
    process.spawner = { [unowned self] in self.spawnTask(for: $0) }
    return process
  }

  /// The name the trace gives process `pid`: its `fork` name, `main` for the script's own.
  func processName(pid: Int32) -> String { processesByPid[pid]?.name ?? (pid == 1 ? mainThread.name : "pid\(pid)") }

  /// A trace line: the thread's name and, for a thread of a forked process (any pid but
  /// the script's own, 1), its pid as `strace -f` prints it. The event carries the pid, so
  /// the line needs no lookup of the thread by name.
  func line(_ now: Nanoseconds, _ actor: String, _ text: String, pid: Int32) -> String {
    TraceFormatter.line(now, actor, shown(text, pid: pid))
  }

  /// `text` as process `pid`'s line shows it: after `[pid N] ` unless it is the script's.
  private func shown(_ text: String, pid: Int32) -> String {
    pid == initialProcess.pid ? text : "[pid \(pid)] " + text
  }

  /// Prints ``line(_:_:_:pid:)`` of `text` and `tail`: as bytes to ``lineSink`` when there is
  /// one, else as a string to `output`.
  func printLine(_ now: Nanoseconds, _ actor: String, _ text: String, tail: String, pid: Int32) {
    let text = shown(text, pid: pid)
    guard let lineSink else { return output(TraceFormatter.line(now, actor, text, tail: tail)) }
    // With room for the NUL after the line.
    let capacity = TraceFormatter.lineCapacity(actor, text, tail: tail) + 1
    if lineBytes.count < capacity { lineBytes = [UInt8](repeating: 0, count: max(capacity, 2 * lineBytes.count)) }
    lineBytes.withUnsafeMutableBufferPointer { buffer in
      let length = TraceFormatter.writeLine(now, actor, text, tail: tail, into: buffer)
      buffer[length] = 0
      lineSink(UnsafeBufferPointer(rebasing: buffer[..<length]))
    }
  }

  /// The name of the thread running `task`, as the session named it.
  func threadName(of task: TaskID) -> String { threadsByTask[task.rawValue]?.name ?? backend.name(of: task) }
}
