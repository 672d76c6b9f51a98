#if canImport(Glibc)
  import Collections
  import Glibc
  import ScenarioLang
  import SyscallVocabulary

  /// The driver loop: one call at a time, each until it returns or sleeps in the kernel.
  extension LinuxBackend {

    /// The calls in flight go on in the kernel; the next run, or ``shutDown()``, collects them.
    public func halt() { haltRequested = true }

    public func run(until condition: () -> Bool) -> RunStop {
      var lastChange = GNU.monotonicNow()
      var busySince: Int64?
      defer { if let busySince { busyTime += GNU.monotonicNow() - busySince } }
      while true {
        if collectCompletions() { lastChange = GNU.monotonicNow() }
        if haltRequested {
          haltRequested = false
          return .halted
        }
        fireAlarms()
        var (quiet, changed) = probeCallsInFlight()
        if awaitingChildEnd { quiet = false }
        if changed { lastChange = GNU.monotonicNow() }
        let clock = GNU.monotonicNow()
        if quiet && ready.isEmpty, let since = busySince {
          busyTime += clock - since
          busySince = nil
        } else if !(quiet && ready.isEmpty) && busySince == nil {
          busySince = clock
        }
        // Checked whatever the state: a call may also hang without sleeping in a socket.
        if clock - origin > options.timeLimit {
          exceededTimeLimit = true
          return .stalled
        }
        if quiet {
          if let task = ready.popFirst() {
            start(task)
            lastChange = GNU.monotonicNow()
            continue
          }
          if condition() { return .satisfied }
          let sleepersStayAsleep = inFlight.values.allSatisfy { tasks[$0.rawValue].current?.sleepsForever ?? true }
          if alarms.isEmpty && sleepersStayAsleep && clock - lastChange >= options.stallGrace { return .stalled }
          // Quiet: only a completion, an alarm or the stall deadline can change anything;
          // a bounded wait also re-probes threads now and then.
          var deadline = clock + 20_000_000
          if let alarm = alarms.values.min() {
            let (instant, overflow) = origin.addingReportingOverflow(alarm)
            if !overflow { deadline = min(deadline, instant) }
          }
          if alarms.isEmpty && sleepersStayAsleep { deadline = min(deadline, lastChange + options.stallGrace) }
          waitForCompletion(until: deadline)
        } else {
          // A call is running: look again soon, to see it return or fall asleep.
          waitForCompletion(until: clock + 100_000)
        }
      }
    }

    func waitForCompletion(until deadline: Int64) {
      mailbox.monitor.locked {
        if mailbox.completions.isEmpty && mailbox.endings.isEmpty { mailbox.driver.wait(until: deadline) }
      }
    }

    func fireAlarms() {
      let time = now
      for (id, instant) in alarms where instant <= time {
        alarms[id] = nil
        firedAlarms.insert(id)
      }
    }

    /// Starts `task`'s next call on its thread.
    func start(_ id: TaskID) {
      let task = tasks[id.rawValue]
      guard task.current == nil, let (tag, make) = task.pending.popFirst() else { return }
      let syscall = make()
      nextCallID += 1
      let record = CallRecord(id: nextCallID, tag: tag, task: id, syscall: syscall, startedAt: now)
      guard prepareProcessCall(syscall, by: task, record: record) else { return }
      // A forked child's call uses its own descriptor table.
      if let process = task.process { swap(&descriptors, &process.descriptors) }
      defer { if let process = task.process { swap(&descriptors, &process.descriptors) } }
      var reserved: Int32?
      var reservedSecond: Int32?
      let real = translate(syscall, reserving: &reserved)
      if case .socketpair = syscall { reservedSecond = descriptors.reserve() }
      if task.thread == nil {
        let thread = makeThread(for: task)
        if let error = thread.start() {
          if let reserved { descriptors.release(reserved) }
          if let reservedSecond { descriptors.release(reservedSecond) }
          dropPendingFork(record.id)
          let why = task.process == nil ? "pthread_create: \(error)" : error
          emit(origin + record.startedAt, .cannotRun(record, "no thread for '\(task.name)': \(why)"))
          task.pending.removeAll()
          return
        }
        task.thread = thread
      }
      task.current = LinuxCall(record: record, real: real, reserved: reserved)
      task.current?.reservedSecond = reservedSecond
      inFlight[nextCallID] = id
      task.thread?.run(
        Job(id: nextCallID, call: real, fork: forkPlan(for: nextCallID, by: task), exec: execPlan(for: syscall)))
    }
  }
#endif
