#if canImport(Glibc)
  import Collections
  import Glibc
  import ScenarioLang
  import SyscallVocabulary

  /// Forked children: real processes, each a host running its threads' calls (``ProcessHost``),
  /// with the model's pids translated to real ones and back.
  extension LinuxBackend {

    /// The child with model pid `pid`, if the run forked it.
    func child(_ pid: Int32) -> LinuxProcess? {
      pid >= 2 && Int(pid) - 2 < children.count ? children[Int(pid) - 2] : nil
    }

    /// Checks a process call before it starts, and opens a `fork`'s control channel; false
    /// (with `cannotRun` reported) for a call the real kernel is not given: one that would
    /// act on sockscript itself, which is process 1.
    func prepareProcessCall(_ syscall: Syscall, by task: LinuxTask, record: CallRecord) -> Bool {
      var refusal: String?
      if let process = task.process, process.ended {
        refusal = "process \(process.pid) has ended"
      }
      if task.endedByExec { refusal = "the thread ended at its process's execve" }
      if Self.makesAHost(syscall), let limit = task.process?.descriptors.limit,
        limit <= UInt64(ThreadProbe.highDescriptorBase)
      {
        // A host keeps its control channel above half the starting limit, and a fork's new
        // one arrives as a descriptor: a lower limit leaves it none.
        refusal =
          refusal
          ?? "\(syscall.name) in a process whose RLIMIT_NOFILE is \(limit): its host needs descriptors up to \(ThreadProbe.highDescriptorBase)"
      }
      switch syscall {
      case .fork where refusal == nil:
        // Orphans (a grandchild whose parent ended) become sockscript's children, which
        // reaps them at the end of the run, rather than init's: nothing escapes a run.
        if children.isEmpty { _ = GNU.prctl(GNU.PR_SET_CHILD_SUBREAPER, 1, 0, 0, 0) }
        if let channel = ForkChannel.open() {
          pendingForks[record.id] = channel
        } else {
          refusal = "no control channel for the child: socketpair: \(String(cString: strerror(errno)))"
        }
      case .killProcess(let pid, let signal) where pid <= 0:
        // 0 is sockscript's process group, -1 every process of the machine, below that a
        // group of the machine's: whatever the signal, not the run's processes alone.
        refusal = "kill(\(pid), \(signal)) would signal processes outside the run"
      case .killProcess(let pid, let signal) where pid == 1 && signal != .SIGUSR1 && signal != .SIGUSR2:
        // Process 1 is sockscript; SIGUSR1 and SIGUSR2 have handlers there.
        refusal = "kill(\(pid), \(signal)) would signal sockscript itself"
      case .exitGroup where task.process == nil:
        refusal = refusal ?? "exit_group in process 1 would end sockscript"
      case .execve where task.process == nil:
        refusal = refusal ?? "execve in process 1 would replace sockscript"
      case .setrlimitNofile where task.process == nil:
        refusal = refusal ?? "setrlimit in process 1 would limit sockscript itself; set it in a forked process"

      case .setuid(let id) where task.process == nil && (id != getuid() || id != geteuid()),
        .setgid(let id) where task.process == nil && (id != getgid() || id != getegid()):
        // Taking the ids it has already (`setuid 0` as root) changes nothing, and is made.
        refusal = refusal ?? "\(syscall.name) in process 1 would change sockscript's own credentials"
      default: break
      }
      guard let refusal else { return true }
      emit(origin + record.startedAt, .cannotRun(record, refusal))
      task.pending.removeAll()
      return false
    }

    /// A `fork` or an `execve`: a call after which a host starts.
    static func makesAHost(_ syscall: Syscall) -> Bool {
      switch syscall {
      case .fork, .execve: true
      default: false
      }
    }

    /// The real pids of a process call (``realPid(_:)``).
    func translateProcessCall(_ syscall: Syscall) -> Syscall {
      let real = realPid
      switch syscall {
      case .wait4(let pid): return .wait4(pid: real(pid))
      case .killProcess(let pid, let signal): return .killProcess(pid: real(pid), signal: signal)
      default: return syscall
      }
    }

    /// The real pid of the model's `pid`: sockscript's for 1, a child's host's; one no
    /// process has for a pid the run has not forked or whose process was reaped (its
    /// number may be another process's now); 0 and below stay.
    func realPid(_ pid: Int32) -> Int32 {
      if pid == 1 { return getpid() }
      guard pid > 1 else { return pid }
      guard let process = child(pid), !process.reaped else { return Int32.max }
      return process.host.realPid
    }

    /// Closes the control channel of `fork` call `id` that will not run or return.
    func dropPendingFork(_ id: Int) {
      guard let channel = pendingForks.removeValue(forKey: id) else { return }
      close(channel.driver)
      close(channel.child)
    }

    /// What the forking thread needs for call `id`, a `fork` by `task`.
    func forkPlan(for id: Int, by task: LinuxTask) -> ForkPlan? {
      guard let channel = pendingForks[id] else { return nil }
      let open = descriptors.openNumbers
      return ForkPlan(
        executable: options.hostExecutable, control: channel.child, driver: getpid(),
        keep: open.map(\.real), numbers: open.map(\.number), jiffy: tolerance.jiffy,
        ignoresSIGPIPE: task.process?.ignoresSIGPIPE ?? processOneIgnoresSIGPIPE)
    }

    /// `ignore SIGPIPE` in `task`'s process. sockscript (process 1) ignores SIGPIPE always,
    /// so that it survives; there the session acts out the default action, and the setting
    /// is only what a fork passes on. A child's host takes the real action (SIG_DFL until
    /// then), ahead of any call it is sent after this.
    public func ignoreSignal(_ signal: Signal, in task: TaskID) {
      guard signal == .SIGPIPE else { return }
      guard let process = tasks[task.rawValue].process else {
        processOneIgnoresSIGPIPE = true
        return
      }
      process.ignoresSIGPIPE = true
      process.host.channel.send(HostRequest.ignoreSIGPIPE)
    }

    public func catchSignal(_ signal: Signal, restart: Bool, in task: TaskID) {
      guard signal == .SIGURG else { return }
      guard let process = tasks[task.rawValue].process else {
        processOneSigurgHandler = restart
        Self.catchSIGURG(restart: restart)
        return
      }
      process.sigurgHandler = restart
      process.host.channel.send(HostRequest.catchSIGURG(restart: restart))
    }

    /// A handler for SIGURG that does nothing, with SA_RESTART or without: it interrupts
    /// what the thread that takes the signal sleeps in. A fork copies it, an execve resets it.
    static func catchSIGURG(restart: Bool) {
      var action = sigaction()
      action.__sigaction_handler.sa_handler = { _ in }
      sigemptyset(&action.sa_mask)
      action.sa_flags = restart ? SA_RESTART : 0
      sigaction(SIGURG, &action, nil)
    }

    /// A call of a child that raised SIGPIPE, or a `kill` that sent one: with SIGPIPE's
    /// default action the child dies of it (its host delivers the signal the call's thread
    /// took to the process again), and the run waits for that end before the next call.
    func noteSIGPIPE(to process: LinuxProcess) {
      if !process.ignoresSIGPIPE && !process.ended { process.dying = true }
    }

    /// Whether `call`, asleep, sleeps with no timeout: its socket's timeout read back from
    /// the kernel, through a copy of the descriptor for a child's call (the number is the
    /// child's, which means nothing here). A socket's timeouts are the socket's, whichever
    /// descriptor reads them.
    func sleepsWithoutTimeout(_ call: LinuxCall, of task: LinuxTask) -> Bool {
      guard let process = task.process, let fd = call.real.fd else { return call.real.sleepsWithoutTimeout }
      let copy = GNU.pidfdGetfd(process.host.pidfd, fd, 0)
      guard copy >= 0 else { return false }
      defer { close(copy) }
      return call.real.onDescriptor(copy).sleepsWithoutTimeout
    }

    /// A new thread for `task`: an actor thread of sockscript for process 1, else one of
    /// its process's host.
    func makeThread(for task: LinuxTask) -> any TaskThread {
      if let process = task.process { return process.host.makeThread() }
      return ActorThread(mailbox: mailbox, jiffy: tolerance.jiffy)
    }

    /// A process call returned: real pids become the model's. Runs with `descriptors`
    /// being the caller's process's table.
    func finishProcessCall(
      _ call: LinuxCall, _ completion: CallCompletion, by task: LinuxTask, into outcome: inout SyscallOutcome
    ) {
      let result = completion.result
      switch call.record.syscall {
      case .fork:
        guard let channel = pendingForks.removeValue(forKey: call.record.id) else { return }
        close(channel.child)
        guard result.errno == 0 else {
          close(channel.driver)
          return
        }
        let pid = Int32(children.count + 2)
        let host = HostConnection(
          realPid: pid_t(result.value), modelPid: pid, channel: channel.driver, mailbox: mailbox)
        // The child's host has moved each descriptor to its script number.
        let process = LinuxProcess(pid: pid, host: host, descriptors: descriptors.forkedCopy().atOwnNumbers())
        process.ignoresSIGPIPE = task.process?.ignoresSIGPIPE ?? processOneIgnoresSIGPIPE
        // The host is a program of its own, started with default actions: a handler the
        // parent had (which a fork copies) is installed ahead of the child's first call.
        process.sigurgHandler = task.process.map(\.sigurgHandler) ?? processOneSigurgHandler
        if let restart = process.sigurgHandler { host.channel.send(HostRequest.catchSIGURG(restart: restart)) }
        let thread = spawn(name: task.name)
        tasks[thread.rawValue].process = process
        process.tasks.append(thread)
        children.append(process)
        host.startReading()
        outcome.value = Int64(pid)
        outcome.child = thread
      case .wait4:
        guard result.value > 0 else { return }
        guard let process = children.first(where: { $0.host.realPid == pid_t(result.value) && !$0.reaped }) else {
          return
        }
        // The child's end comes before the return of the wait that reaped it.
        if !process.ended { awaitEnd(of: process, notAfter: completion.endedAt) }
        process.reaped = true
        outcome.value = Int64(process.pid)
        outcome.waitStatus = result.waitStatus.map { ProcessEnding(pid: process.pid, status: $0, at: 0).end }
      case .execve:
        execReturned(by: task, call.record.task, result: result, at: completion.endedAt)
      case .setrlimitNofile(let limit):
        if result.errno == 0 { descriptors.limit = limit.cur }
      case .killProcess(let pid, let signal):
        guard result.errno == 0, let process = child(pid), !process.ended else { return }
        if signal == .SIGPIPE { noteSIGPIPE(to: process) }
        if signal == .SIGKILL || signal == .SIGTERM { process.dying = true }
      default: break
      }
      if result.raised == .SIGPIPE, let process = task.process { noteSIGPIPE(to: process) }
    }

    /// SO_PEERCRED's credentials with the model's pid: sockscript is 1, a child its fork
    /// number; 0 (no credentials) stays, as does a pid the run did not fork.
    func modelCred(_ cred: PeerCred) -> PeerCred {
      var translated = cred
      if cred.pid == getpid() {
        translated.pid = 1
      } else if let process = children.first(where: { $0.host.realPid == cred.pid }) {
        translated.pid = process.pid
      }
      return translated
    }

    /// True while a child that must end has not been reported ended.
    var awaitingChildEnd: Bool { children.contains { $0.dying && !$0.ended } }

    /// Reports the children that ended; true if there were any.
    func collectEndings() -> Bool {
      let endings: [ProcessEnding] = mailbox.monitor.locked {
        defer { mailbox.endings.removeAll() }
        return mailbox.endings
      }
      for ending in endings { end(ending) }
      return !endings.isEmpty
    }

    /// Waits for `process`'s end, which its host's reader is about to post, and reports it,
    /// at the latest at `instant` (the return of the wait that reaped it, which the end
    /// precedes, though the reader may have seen the channel close a moment after).
    private func awaitEnd(of process: LinuxProcess, notAfter instant: Int64) {
      let deadline = GNU.monotonicNow() + 2_000_000_000
      let ending: ProcessEnding? = mailbox.monitor.locked {
        while !mailbox.endings.contains(where: { $0.pid == process.pid }) && GNU.monotonicNow() < deadline {
          mailbox.driver.wait(until: deadline)
        }
        guard let index = mailbox.endings.firstIndex(where: { $0.pid == process.pid }) else { return nil }
        return mailbox.endings.remove(at: index)
      }
      if let ending { end(ProcessEnding(pid: ending.pid, status: ending.status, at: min(ending.at, instant))) }
    }

    /// A child ended: its threads' calls end unreturned, its tasks make no more calls.
    private func end(_ ending: ProcessEnding) {
      guard let process = child(ending.pid), !process.ended else { return }
      process.ended = true
      process.dying = false
      for id in process.tasks {
        let task = tasks[id.rawValue]
        if let call = task.current {
          inFlight[call.record.id] = nil
          dropPendingFork(call.record.id)
        }
        task.current = nil
        task.pending.removeAll()
        task.thread?.stop()
      }
      ready.removeAll { process.tasks.contains($0) }
      process.host.close()
      emit(ending.at, .processEnded(pid: process.pid, tasks: process.tasks, end: ending.end))
    }

    // MARK: Cleaning up

    /// Kills every child still alive and waits for the ends (the caller reports nothing).
    func endChildren() {
      let alive = children.filter { !$0.ended }
      for process in alive { process.host.kill() }
      let deadline = GNU.monotonicNow() + 2_000_000_000
      while alive.contains(where: { !$0.ended }) && GNU.monotonicNow() < deadline {
        waitForCompletion(until: GNU.monotonicNow() + 10_000_000)
        _ = collectCompletions()
      }
      for id in pendingForks.keys { dropPendingFork(id) }
    }

    /// Reaps the children no `wait4` reaped, so that no zombie outlives the run.
    func reapChildren() {
      let deadline = GNU.monotonicNow() + 2_000_000_000
      var left = children.filter { !$0.reaped }
      while !left.isEmpty && GNU.monotonicNow() < deadline {
        left.removeAll { process in
          var status: Int32 = 0
          let r = waitpid(process.host.realPid, &status, WNOHANG)
          return r == process.host.realPid || (r < 0 && errno == ECHILD)
        }
        if !left.isEmpty { usleep(1_000) }
      }
      for process in children { process.reaped = true }
    }
  }
#endif
