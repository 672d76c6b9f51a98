#if canImport(Glibc)
  import Glibc
  import SyscallVocabulary

  /// `execve` in a forked child: its host execs itself (``ExecPlan``), and the driver keeps
  /// in step with what the real kernel did: the process's other threads are gone, its
  /// cloexec descriptors closed.
  extension LinuxBackend {
    /// The plan of an `execve` call, made with `descriptors` being the caller's table.
    func execPlan(for syscall: Syscall) -> ExecPlan? {
      guard case .execve = syscall else { return nil }
      return ExecPlan(executable: options.hostExecutable, driver: getpid(), keep: descriptors.openDescriptors)
    }

    /// The execve of `id` returned in the new image: the numbers of the descriptors it closed
    /// are freed (the kernel closed them), the process's other threads end where they are
    /// (their calls never return; a number an `accept` of theirs held is free again), and the
    /// caller's next call starts a thread in the new image. Reported before the return, as
    /// ``KernelEvent/execed(pid:by:ended:closed:)``. Runs with `descriptors` being the
    /// process's table.
    func execReturned(by task: LinuxTask, _ id: TaskID, result: RealResult, at: Int64) {
      guard result.errno == 0, let process = task.process else { return }
      let kept = process.host.takeKeptAtExec() ?? []
      let others = process.tasks.filter { $0 != id }
      for other in others {
        let ended = tasks[other.rawValue]
        if let call = ended.current {
          inFlight[call.record.id] = nil
          dropPendingFork(call.record.id)
          if let number = call.reserved { descriptors.release(number) }
          if let number = call.reservedSecond { descriptors.release(number) }
        }
        ended.current = nil
        ended.pending.removeAll()
        ended.endedByExec = true
        ended.thread?.stop()
        ended.thread = nil
      }
      ready.removeAll { others.contains($0) }
      process.tasks = [id]
      // flush_signal_handlers: the new image starts with SIGURG's default action.
      process.sigurgHandler = nil
      let closed = descriptors.closeAllBut(Set(kept))
      // The thread that called execve runs in the new image, under a new thread id.
      task.thread?.stop()
      task.thread = nil
      emit(at, .execed(pid: process.pid, by: id, ended: others, closed: closed))
    }
  }
#endif
