#if canImport(Glibc)
  import Collections
  import Glibc
  import ScenarioLang
  import SyscallVocabulary

  /// What the actor threads report, and what /proc shows of the calls still in flight.
  extension LinuxBackend {

    /// Reports calls that returned, in the order they returned; true if there were any.
    func collectCompletions() -> Bool {
      let done: [CallCompletion] = mailbox.monitor.locked {
        defer { mailbox.completions.removeAll() }
        return mailbox.completions
      }
      for completion in done.sorted(by: { $0.endedAt < $1.endedAt }) { finish(completion) }
      let ended = collectEndings()
      return !done.isEmpty || ended
    }

    func finish(_ completion: CallCompletion) {
      guard let id = inFlight.removeValue(forKey: completion.id) else { return }
      let task = tasks[id.rawValue]
      guard let call = task.current else { return }
      // A forked child's call returns into its own descriptor table.
      if let process = task.process { swap(&descriptors, &process.descriptors) }
      defer { if let process = task.process { swap(&descriptors, &process.descriptors) } }
      task.current = nil
      if !task.pending.isEmpty { ready.append(id) }
      timings[call.record.tag] = measuredTiming(completion)
      let result = completion.result
      var outcome = SyscallOutcome.success(result.value)
      if result.errno != 0 {
        guard let errno = Errno(rawValue: result.errno) else {
          emit(
            completion.endedAt,
            .cannotRun(call.record, "the kernel returned errno \(result.errno), unknown to sockscript"))
          return
        }
        outcome.value = -1
        outcome.errno = errno
        if let number = call.reserved { descriptors.release(number) }
        if let number = call.reservedSecond { descriptors.release(number) }
      } else if let first = call.reserved, let second = call.reservedSecond, let pair = result.pair {
        descriptors.install(first, real: pair.0)
        descriptors.install(second, real: pair.1)
        outcome.pair = SocketPairResult(fds: (first, second), inodes: result.pairInodes ?? (-1, -1))
        outcome.inode = outcome.pair?.inodes.0
      } else if let number = call.reserved {
        descriptors.install(number, real: Int32(result.value))
        outcome.value = Int64(number)
        outcome.inode = result.inode
      } else if let number = call.record.syscall.duplicateTarget {
        // A dup2 onto an open number returned its real descriptor, which that number names.
        outcome.value = Int64(number)
      }
      outcome.timeval = result.timeval
      outcome.data = result.data
      outcome.sender = result.sender.map(unsandboxed)
      outcome.name = result.name.map(unsandboxedName)
      outcome.peerCred = result.peerCred.map(modelCred)
      outcome.optionValue = result.optionValue
      if case .getIntOption(_, .SO_PEERPIDFD, _) = call.record.syscall, result.errno == 0, let real = result.optionValue
      {
        outcome.optionValue = scriptNumber(ofReceived: real)
      }
      outcome.optionLength = result.optionLength
      if case .fcntl(_, .F_GETOWN, _) = call.record.syscall, result.value > 0 {
        scriptOwner(result.value, into: &outcome)
      }
      outcome.revents = result.revents
      outcome.epollEvents = result.epollEvents
      if case .select(let asked) = call.record.syscall, case .select(let made) = call.real, let ready = result.selected
      {
        outcome.selected = Self.scriptSets(ready, asked: asked, made: made)
      }
      // Message by message, in the order the kernel installed their descriptors.
      outcome.batch = result.batch?.map { entry in
        var moved = entry
        moved.sender = entry.sender.map(unsandboxed)
        moved.message = entry.message.map(scriptMessage)
        return moved
      }
      outcome.message = result.message.map(scriptMessage)
      outcome.raised = result.raised
      finishProcessCall(call, completion, by: task, into: &outcome)
      // A call that slept too briefly to be seen asleep (woken within the probe interval).
      // Only a call that can wait on a socket counts: `socket` also sleeps, in
      // synchronize_rcu, when it grows a threaded process's descriptor table past 256 or
      // 512, which is no socket wait and which the model does not have.
      let sleptUnseen =
        !call.reportedBlocked && call.real.sleepingSyscallNumber != nil && completion.slept
        && completion.endedAt - completion.startedAt > 1_000_000
      if sleptUnseen { emit(completion.startedAt, .blocked(call.record, nil, again: false)) }
      emit(
        completion.endedAt, .returned(call.record, outcome, resumed: call.reportedBlocked || sleptUnseen))
    }

    /// What a `select` found ready, by the script's numbers: each real descriptor is the
    /// script's at the same place of the same set.
    static func scriptSets(_ ready: SelectResult, asked: SelectRequest, made: SelectRequest) -> SelectResult {
      func back(_ real: [Int32], _ made: [Int32]?, _ asked: [Int32]?) -> [Int32] {
        guard let made, let asked else { return [] }
        return real.compactMap { fd in made.firstIndex(of: fd).map { asked[$0] } }.sorted()
      }
      return SelectResult(
        read: back(ready.read, made.read, asked.read), write: back(ready.write, made.write, asked.write),
        except: back(ready.except, made.except, asked.except))
    }

    /// What a receive wrote back, as the script knows it: each received descriptor gets the
    /// script's next number, as the model's lowest free (the SCM_RIGHTS ones first, then a
    /// pidfd, in scm_recv_unix's order), and the credentials the model's pid.
    func scriptMessage(_ message: ReceivedMessage) -> ReceivedMessage {
      var moved = message
      moved.rights = message.rights.map(scriptNumber(ofReceived:))
      moved.credentials = message.credentials.map(modelCred)
      if let pidfd = message.pidfd, pidfd >= 0 { moved.pidfd = scriptNumber(ofReceived: pidfd) }
      return moved
    }

    /// A descriptor the kernel made for the script without its asking for a number (one
    /// received in a message, a pidfd): the script's next number, as the model's lowest free.
    func scriptNumber(ofReceived real: Int32) -> Int32 {
      let number = descriptors.reserve()
      descriptors.install(number, real: real)
      return number
    }

    /// The completion's times as the comparison takes them: since the run started, with the
    /// jiffy the kernel counted at entry (``KernelJiffies``).
    func measuredTiming(_ completion: CallCompletion) -> MeasuredTiming {
      let jiffy = tolerance.jiffy
      let start = KernelJiffies.jiffyStart(
        entered: completion.startedAt, coarse: completion.coarseAtStart, jiffy: jiffy)
      let tick = KernelJiffies.lastTick(atOrBefore: completion.startedAt, jiffy: jiffy)
      return MeasuredTiming(
        entered: completion.startedAt - origin, jiffyStart: start - origin, lastTick: tick - origin,
        runDelay: max(0, completion.runDelay))
    }

    /// Looks at every call in flight: reports the ones newly asleep; quiet when all sleep.
    func probeCallsInFlight() -> (quiet: Bool, changed: Bool) {
      var quiet = true
      var changed = false
      for id in inFlight.values {
        let task = tasks[id.rawValue]
        guard let call = task.current, let thread = task.thread else { continue }
        let asleep = call.real.sleepingSyscallNumber.map {
          ThreadProbe.isSleeping(syscallFile: thread.syscallFile, inSyscall: $0, statFile: thread.statFile)
        }
        call.asleep = asleep ?? false
        guard call.asleep else {
          quiet = false
          continue
        }
        // Asleep at both probes but run in between: it is making progress, not stalled.
        let runTime = ThreadProbe.runTime(schedstatFile: thread.schedstatFile)
        if runTime != call.runTimeAsleep {
          if call.runTimeAsleep != nil { changed = true }
          call.runTimeAsleep = runTime
        }
        if !call.reportedBlocked {
          call.reportedBlocked = true
          call.sleepsForever = sleepsWithoutTimeout(call, of: task)
          changed = true
          emit(origin + call.record.startedAt, .blocked(call.record, nil, again: false))
        }
      }
      return (quiet, changed)
    }

    func emit(_ monotonic: Int64, _ event: KernelEvent) {
      onEvent?(event, max(0, monotonic - origin))
    }

    /// F_GETOWN's real pid or tid as the script numbers it: sockscript is process 1, a child
    /// its fork number; a tid is one of the script's threads.
    func scriptOwner(_ real: Int64, into outcome: inout SyscallOutcome) {
      if real == Int64(getpid()) {
        outcome.value = 1
      } else if let process = children.first(where: { Int64($0.host.realPid) == real }) {
        outcome.value = Int64(process.pid)
      } else if let index = tasks.firstIndex(where: { $0.thread.map { Int64($0.tid) } == real }) {
        outcome.value = 0
        outcome.owner = TaskID(rawValue: index)
      }
    }
  }
#endif
