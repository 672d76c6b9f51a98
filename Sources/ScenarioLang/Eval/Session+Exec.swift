import BitCollections
import SockKernel
import SyscallVocabulary

/// `THREAD: exec`: the thread's process runs the same script again (`execve`). The process
/// keeps its pid and its descriptors without FD_CLOEXEC; its other threads end, and the
/// descriptors marked FD_CLOEXEC are closed. SIGUSR1's and SIGUSR2's handlers are reset by
/// the exec and installed again by the same script, so they are as before.
extension ScenarioSession {
  func runExec(_ statement: Statement, by caller: ScenarioThread) {
    guard caller.process !== initialProcess else {
      fail(
        Diagnostic(
          "'exec' replaces a forked process's program, and \(caller.name) is a thread of process 1",
          at: statement.location, length: statement.thread.map { $0.text.count + 1 } ?? 4,
          notes: ["sockscript is process 1; name a thread of a forked process: 'child: exec'"]), .scriptError)
      return
    }
    // `de_thread` ends every other thread of the process, so each must be one the kernel
    // has: a thread whose task was never needed gets it now, and so does a socket's own
    // thread never asked for (a look at every socket, as a fork copies every descriptor).
    let process = caller.process
    for socket in sockets.values where socket.process === process && socket.threadIfMade == nil {
      _ = socket.thread
    }
    for thread in process.threads { _ = thread.task }
    submitCall(.execve, plain(caller, "exec", nil, statement.location), by: caller, background: false)
  }

  /// `execve` replaced process `pid`'s image: the threads `de_thread` ended make no more
  /// calls (their calls in flight end unreturned, as strace shows them: `= ?`), and the
  /// descriptors closed on exec no longer name their sockets in the process.
  func execed(pid: Int32, by task: TaskID, ended: [TaskID], closed: [Int32], at now: Nanoseconds) {
    guard let process = processesByPid[pid] else { return }
    let caller = threadName(of: task)
    let ending = Set(ended)
    var unreturned: [TaskID: SubmittedCall] = [:]
    for (tag, call) in calls.all {
      let task = call.thread.task
      guard ending.contains(task) else { continue }
      if unreturned[task]?.blockedIn == nil { unreturned[task] = call }
      calls[tag] = nil
    }
    let isEnding = { (thread: ScenarioThread) in thread.taskIfStarted.map(ending.contains) ?? false }
    for thread in process.threads where isEnding(thread) { thread.supersededBy = caller }
    process.threads.removeAll(where: isEnding)
    for fd in closed { process.descriptors[fd] = nil }
    guard tracing else { return }
    // strace -f: a killed thread's call resumes with `= ?`, then the thread's end; the
    // leader's end, when another thread called execve, is "superseded by execve".
    for id in ended {
      guard let thread = threadsByTask[id.rawValue], tasksThatCalled.contains(id.rawValue) else { continue }
      let actor = thread.name
      if let call = unreturned[id]?.blockedIn {
        var resumed = TraceEvent(kind: .returned, time: now, thread: actor, pid: pid, text: "<... \(call) resumed> = ?")
        resumed.call = call
        resumed.socket = unreturned[id]?.socket?.name
        emitTrace(resumed)
      }
      let end = actor == process.name ? "+++ superseded by execve in \(caller) +++" : "+++ exited with 0 +++"
      emitTrace(TraceEvent(kind: .process, time: now, thread: actor, pid: pid, text: end))
    }
  }
}
