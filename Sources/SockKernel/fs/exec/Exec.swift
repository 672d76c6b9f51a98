import SyscallVocabulary

/// Running a program (`fs/exec.c`): what of an `execve` of the same program is observable
/// here. The program is the script itself, so nothing of the new image differs but what the
/// kernel takes away: the other threads and the descriptors marked FD_CLOEXEC.
extension Kernel {
  /// `do_execveat_common` → `bprm_execve` → `load_elf_binary` → `begin_new_exec`, past its
  /// point of no return: `de_thread`, then (`unshare_files` has nothing to unshare: a
  /// table is shared only by one process's threads, and they are gone) `do_close_on_exec`;
  /// `setup_new_exec`'s `flush_signal_handlers` resets handled signals to their default and
  /// keeps ignored ones ignored: the handlers of SIGUSR1 and SIGUSR2, which the same program
  /// installs again at its start, stay; a script's `handle SIGURG` goes. The process keeps its pid, credentials, parent
  /// and children. Reports ``KernelEvent/execed(pid:by:ended:closed:)`` before the return
  /// (0, to the new image), and the wake-ups of the closes after it.
  func sysExecve(_ task: KernelTask) -> SyscallStep {
    let ended = deThread(task)
    let table = task.group.files
    let closed = table.closeOnExec.sorted().filter { Int($0) < table.fdt.count && table.fdt[Int($0)] != nil }
    emit(.execed(pid: task.group.pid, by: task.id, ended: ended, closed: closed))
    doCloseOnExec(table)
    task.group.caughtSignals = [:]
    return .done(.success())
  }

  /// `de_thread`: the caller becomes its process's only thread. `zap_other_threads` sends
  /// every other one SIGKILL, which ends it where it is (a call asleep never returns, as at
  /// `exit_group`, and drops the file it held), and de_thread waits until they are gone; a
  /// caller that is not the leader then takes the leader's pid (`exchange_tids`), so the
  /// process keeps its pid. Returns the ended threads, in creation order.
  func deThread(_ task: KernelTask) -> [TaskID] {
    let group = task.group
    let others = group.threads.filter { $0 != task.id }
    for id in others { killTask(tasks[id.rawValue]) }
    group.threads = [task.id]
    return others
  }
}
