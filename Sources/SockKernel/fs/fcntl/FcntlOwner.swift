import SyscallVocabulary

/// The owner of an open file (`f_owner`, `fs/fcntl.c`): who gets SIGURG when out-of-band
/// data arrives on a socket (and SIGIO with O_ASYNC, which the model does not have).
extension Kernel {
  /// `f_setown` (F_SETOWN): a positive pid names a process (PIDTYPE_TGID); 0 clears the
  /// owner; a pid no task has is ESRCH (`find_vpid`). Process groups (a negative pid) are
  /// not modelled.
  func fSetown(_ file: OpenFile, pid: Int32) -> SyscallOutcome {
    if pid == 0 {
      file.owner = nil
      return .success()
    }
    guard processExists(pid) else {
      return .failure(.ESRCH, Reason("f_setown", "no task has pid \(pid)"))
    }
    file.owner = .process(pid)
    return .success()
  }

  /// `f_setown_ex` with F_OWNER_TID: the owner is one thread (PIDTYPE_PID), which SIGURG is
  /// sent to alone. A thread that has ended is ESRCH.
  func fSetownEx(_ file: OpenFile, thread: TaskID) -> SyscallOutcome {
    guard thread.rawValue >= 0, thread.rawValue < tasks.count, !tasks[thread.rawValue].isDead else {
      return .failure(.ESRCH, Reason("f_setown_ex", "no thread \(thread.rawValue)"))
    }
    file.owner = .thread(thread)
    return .success()
  }

  /// `f_getown` (F_GETOWN): the owner's pid while a task of it exists (`pid_task`), else 0;
  /// a thread owner's value is its tid, reported as the thread.
  func fGetown(_ file: OpenFile) -> SyscallOutcome {
    var outcome = SyscallOutcome.success(0)
    switch file.owner {
    case .process(let pid)? where processExists(pid):
      outcome.value = Int64(pid)
    case .thread(let id)? where !tasks[id.rawValue].isDead:
      outcome.owner = id
    default:
      break
    }
    return outcome
  }

  /// `send_sigurg`: SIGURG to the file's owner, if it has one (1), unless the target's
  /// action is the default one, which ignores it (`sig_ignored` drops it where it is sent).
  /// A thread owner takes it alone; a process owner's leader takes it (`complete_signal`),
  /// and the leader of a script's process is never one of the script's threads (on the
  /// kernel backend it is sockscript's own thread or a process host's), so nothing the
  /// script sees changes.
  func sendSigurg(_ file: OpenFile) -> Bool {
    guard let owner = file.owner else { return false }
    guard case .thread(let id) = owner else { return true }
    let task = tasks[id.rawValue]
    guard !task.isDead, task.group.caughtSignals[.SIGURG] != nil else { return true }
    // The sender's own thread takes it on its way back to user space: nothing to see.
    if id != currentTask { _ = sysTgkill(id, .SIGURG) }
    return true
  }
}
