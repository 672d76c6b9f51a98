#if canImport(Glibc)
  import Glibc
  import SyscallVocabulary

  /// What an `execve` by a thread of a forked child needs: the host execs sockscript again,
  /// as a host (``ProcessHost``) of the same process, with the scenario's descriptors as the
  /// real kernel leaves them: the ones marked FD_CLOEXEC are closed by the execve itself,
  /// the others stay at their numbers. The control channel is kept across it.
  struct ExecPlan: Codable, Sendable {
    /// The program: sockscript (`/proc/self/exe`), as for a fork's host.
    let executable: String
    /// sockscript's pid (the new host sets its parent-death signal again).
    let driver: pid_t
    /// The process's scenario descriptors (real numbers) before the execve: the new image
    /// keeps those still open and closes whatever else it inherited.
    let keep: [Int32]
  }

  extension HostLoop {
    /// `execve` by one of the host's threads; returns only if it fails. Every completion
    /// posted so far is sent first, and the channel then stays locked: a frame is never cut
    /// in half by de_thread, and a call that returns meanwhile ends unreturned with its
    /// thread, as in a C program whose thread execs.
    func exec(_ plan: ExecPlan, call id: Int) -> RealResult {
      mailbox.monitor.lock()
      while !mailbox.completions.isEmpty || forwarding { mailbox.driver.wait() }
      let arguments = ProcessHost.arguments(
        // A child's descriptors are at their script numbers already (``ProcessHost``).
        control: channel.fd, jiffy: jiffy, driver: driver, keep: plan.keep, numbers: plan.keep, cloexec: [],
        // SIG_IGN survives an execve (flush_signal_handlers resets only handlers).
        ignoresSIGPIPE: !Self.takesSIGPIPEDefaultAction)
      let argv = UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>.allocate(capacity: arguments.count + 1)
      for (i, argument) in arguments.enumerated() { argv[i] = strdup(argument) }
      argv[arguments.count] = nil
      defer {
        for i in 0..<arguments.count { free(argv[i]) }
        argv.deallocate()
      }
      let entered = GNU.monotonicNow()
      let coarse = CallClock.coarseNow()
      // The driver gets the call's return from the new image (``HostReply/ready(open:at:)``).
      _ = channel.sendLast(HostReply.execing(id: id, entered: entered, coarse: coarse))
      _ = fcntl(channel.fd, F_SETFD, 0)
      execve(plan.executable, argv, environ)
      let error = errno
      _ = fcntl(channel.fd, F_SETFD, Glibc.FD_CLOEXEC)
      channel.releaseSending()
      mailbox.monitor.unlock()
      return RealResult(value: -1, errno: error, timeval: nil)
    }
  }
#endif
