import SyscallVocabulary

/// Making processes (`kernel/fork.c`).
extension Kernel {
  /// `kernel_clone` → `copy_process`: a new process whose one thread copies the caller, with
  /// a copy of its descriptor table (`copy_files` → `dup_fd`: the same open files, one more
  /// reference each), its credentials, its signal actions (`copy_sighand`), the caller's signal mask and its limits
  /// (`copy_signal`). The parent's return is the child's pid; the child's
  /// own return (0) is not a call the script made, so it is not reported.
  func kernelClone(_ parent: KernelTask) -> SyscallOutcome {
    let group = parent.group
    let child = TaskGroup(
      pid: Int32(processes.count + 1), files: dupFd(group.files), uid: group.uid, gid: group.gid, parent: group,
      nofile: group.nofile)
    child.ignoredSignals = group.ignoredSignals
    child.caughtSignals = group.caughtSignals
    processes.append(child)
    adopt(child, by: group)
    let thread = spawn(name: parent.comm, in: child)
    // dup_task_struct copies the mask; the child starts with nothing pending.
    tasks[thread.rawValue].blocked = parent.blocked
    var outcome = SyscallOutcome.success(Int64(child.pid))
    outcome.child = thread
    return outcome
  }
}
