#if canImport(Glibc)
  import Collections
  import Glibc
  import ScenarioLang
  import SockKernel

  /// The real kernel as a backend: one thread per actor making real, blocking AF_UNIX calls
  /// in a private directory and network namespace, with real time.
  ///
  /// The driver hands out one call at a time and waits until the system is quiet (every
  /// call in flight asleep inside the kernel, as `/proc/self/task/TID/syscall` shows) before
  /// the next, which is the model's order: a call runs until it returns or sleeps.
  final class LinuxBackend: ScenarioBackend {
    struct Options {
      /// No change for this long while every call left sleeps with no timeout means they
      /// sleep for good.
      var stallGrace: Nanoseconds = 100_000_000
      /// A run never takes longer than this in real time.
      var timeLimit: Nanoseconds = 60_000_000_000
      var slack: Nanoseconds = 10_000_000
    }

    let kind = BackendKind.linux
    var onEvent: ((TraceEvent) -> Void)?
    let hz: Int64
    let tolerance: KernelTolerance
    let options: Options
    /// True once the run hit ``Options/timeLimit``.
    private(set) var exceededTimeLimit = false
    /// Real time spent while a call ran or was being started (see ``timeAgrees(expected:actual:)``).
    private var busyTime: Nanoseconds = 0

    private let mailbox = Mailbox()
    private let sandbox: Sandbox
    private let origin = GNU.monotonicNow()
    private var tasks: [LinuxTask] = []
    /// Tasks with a call to start, in the order they became ready.
    private var ready = Deque<TaskID>()
    private var descriptors = DescriptorTable()
    private var inFlight: [Int: TaskID] = [:]
    private var nextCallID = 0
    private var alarms: [Int: Nanoseconds] = [:]
    private var firedAlarms = Set<Int>()
    private var nextAlarm = 0

    enum Failure: Error, CustomStringConvertible {
      case noHZ
      var description: String { "cannot measure the kernel's HZ (SO_SNDTIMEO of 1 us did not read back)" }
    }

    init(options: Options = Options()) throws {
      guard let hz = KernelHZ.detect() else { throw Failure.noHZ }
      self.hz = hz
      self.options = options
      self.tolerance = KernelTolerance(hz: hz, slack: options.slack)
      Self.installSignalHandling()
      sandbox = try Sandbox()
    }

    /// SIGPIPE is ignored, so that a write to a closed peer returns EPIPE instead of killing
    /// sockscript; SIGUSR1 interrupts a sleeping call (no SA_RESTART: it returns EINTR).
    private static func installSignalHandling() {
      signal(SIGPIPE, SIG_IGN)
      var action = sigaction()
      action.__sigaction_handler.sa_handler = { _ in }
      sigemptyset(&action.sa_mask)
      action.sa_flags = 0
      sigaction(SIGUSR1, &action, nil)
      // A parent may have started us with it blocked; actor threads inherit this mask.
      var unblock = sigset_t()
      sigemptyset(&unblock)
      sigaddset(&unblock, SIGUSR1)
      pthread_sigmask(SIG_UNBLOCK, &unblock, nil)
    }

    var now: Nanoseconds { GNU.monotonicNow() - origin }

    // MARK: Tasks

    func spawn(name: String) -> TaskID {
      let id = TaskID(rawValue: tasks.count)
      tasks.append(LinuxTask(name: name))
      return id
    }

    func name(of task: TaskID) -> String { tasks[task.rawValue].name }

    func submit(_ task: TaskID, tag: Int, _ make: @escaping () -> Syscall) {
      let t = tasks[task.rawValue]
      t.pending.append((tag, make))
      if t.current == nil && t.pending.count == 1 { ready.append(task) }
    }

    func isIdle(_ task: TaskID) -> Bool { tasks[task.rawValue].current == nil && tasks[task.rawValue].pending.isEmpty }

    func queuedCalls(_ task: TaskID) -> Int { tasks[task.rawValue].pending.count }

    func sleepingCalls() -> [SleepingCall] {
      tasks.indices.compactMap { i in
        guard let call = tasks[i].current, call.asleep else { return nil }
        return SleepingCall(task: TaskID(rawValue: i), call: call.record, queue: nil)
      }
    }

    // MARK: Time

    func setAlarm(at instant: Nanoseconds) -> AlarmID {
      nextAlarm += 1
      alarms[nextAlarm] = instant
      return AlarmID(rawValue: nextAlarm)
    }

    func hasFired(_ alarm: AlarmID) -> Bool { firedAlarms.contains(alarm.rawValue) }

    /// Without a model run to measure drift against, the drift is estimated as the real
    /// time spent while some call was running or being started: time the model spends none of.
    func timeAgrees(expected: Nanoseconds, actual: Nanoseconds) -> Bool {
      tolerance.window(expected: expected, drift: busyTime).contains(actual)
    }

    // MARK: Running

    func run(until condition: () -> Bool) -> Kernel.RunStop {
      var lastChange = GNU.monotonicNow()
      var busySince: Int64?
      defer { if let busySince { busyTime += GNU.monotonicNow() - busySince } }
      while true {
        if collectCompletions() { lastChange = GNU.monotonicNow() }
        fireAlarms()
        let (quiet, changed) = probeCallsInFlight()
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

    private func waitForCompletion(until deadline: Int64) {
      mailbox.monitor.locked {
        if mailbox.completions.isEmpty { mailbox.driver.wait(until: deadline) }
      }
    }

    private func fireAlarms() {
      let time = now
      for (id, instant) in alarms where instant <= time {
        alarms[id] = nil
        firedAlarms.insert(id)
      }
    }

    /// Starts `task`'s next call on its thread.
    private func start(_ id: TaskID) {
      let task = tasks[id.rawValue]
      guard task.current == nil, let (tag, make) = task.pending.popFirst() else { return }
      let syscall = make()
      nextCallID += 1
      let record = CallRecord(id: nextCallID, tag: tag, task: id, syscall: syscall, startedAt: now)
      var reserved: Int32?
      let real = translate(syscall, reserving: &reserved)
      if task.thread == nil {
        let thread = ActorThread(mailbox: mailbox)
        if let error = thread.start() {
          if let reserved { descriptors.release(reserved) }
          emit(origin + record.startedAt, .cannotRun(record, "no thread for '\(task.name)': pthread_create: \(error)"))
          task.pending.removeAll()
          return
        }
        task.thread = thread
      }
      task.current = LinuxCall(record: record, real: real, reserved: reserved)
      inFlight[nextCallID] = id
      task.thread?.run(Job(id: nextCallID, call: real))
    }

    /// The real call for a model call: the script's descriptors mapped to real ones, paths
    /// and abstract names moved into the sandbox.
    private func translate(_ syscall: Syscall, reserving reserved: inout Int32?) -> Syscall {
      let real = { (fd: Int32) in self.descriptors.realDescriptor(fd) }
      switch syscall {
      case .socket:
        reserved = descriptors.reserve()
        return syscall
      case .bind(let fd, let address): return .bind(fd: real(fd), address: sandboxed(address))
      case .listen(let fd, let backlog): return .listen(fd: real(fd), backlog: backlog)
      case .connect(let fd, let address): return .connect(fd: real(fd), address: sandboxed(address))
      case .accept(let fd, let flags):
        let descriptor = real(fd)
        reserved = descriptors.reserve()
        return .accept(fd: descriptor, flags: flags)
      case .shutdown(let fd, let how): return .shutdown(fd: real(fd), how: how)
      case .close(let fd): return .close(fd: descriptors.close(fd) ?? -1)
      case .setTimeout(let fd, let option, let value, let optlen):
        return .setTimeout(fd: real(fd), option: option, value: value, optlen: optlen)
      case .getTimeout(let fd, let option): return .getTimeout(fd: real(fd), option: option)
      case .setNonBlocking(let fd, let on): return .setNonBlocking(fd: real(fd), on: on)
      case .createFile(let path): return .createFile(path: sandboxed(path))
      case .mkdir(let path): return .mkdir(path: sandboxed(path))
      case .unlink(let path): return .unlink(path: sandboxed(path))
      }
    }

    /// Absolute paths are taken from the sandbox's root (the model's tasks all work in `/`);
    /// abstract names get the run's prefix when there is no private namespace.
    private func sandboxed(_ address: SockAddrUn) -> SockAddrUn {
      var moved = address
      if address.isAbstract {
        guard !sandbox.abstractPrefix.isEmpty else { return address }
        moved.path = [0] + sandbox.abstractPrefix + address.path.dropFirst()
        moved.length += Int32(sandbox.abstractPrefix.count)
      } else {
        let slashes = address.path.prefix { $0 == UInt8(ascii: "/") }.count
        guard slashes > 0 else { return address }
        moved.path = Array(address.path.dropFirst(slashes))
        moved.length -= Int32(slashes)
      }
      return moved
    }

    private func sandboxed(_ path: String) -> String {
      path.hasPrefix("/") ? String(path.drop { $0 == "/" }) : path
    }

    /// Reports calls that returned, in the order they returned; true if there were any.
    private func collectCompletions() -> Bool {
      let done: [CallCompletion] = mailbox.monitor.locked {
        defer { mailbox.completions.removeAll() }
        return mailbox.completions
      }
      for completion in done.sorted(by: { $0.endedAt < $1.endedAt }) { finish(completion) }
      return !done.isEmpty
    }

    private func finish(_ completion: CallCompletion) {
      guard let id = inFlight.removeValue(forKey: completion.id) else { return }
      let task = tasks[id.rawValue]
      guard let call = task.current else { return }
      task.current = nil
      if !task.pending.isEmpty { ready.append(id) }
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
      } else if let number = call.reserved {
        descriptors.install(number, real: Int32(result.value))
        outcome.value = Int64(number)
      }
      outcome.timeval = result.timeval
      // A call that slept too briefly to be seen asleep (woken within the probe interval).
      let sleptUnseen =
        !call.reportedBlocked && completion.slept && completion.endedAt - completion.startedAt > 1_000_000
      if sleptUnseen { emit(completion.startedAt, .blocked(call.record, nil, again: false)) }
      emit(
        completion.endedAt, .returned(call.record, outcome, resumed: call.reportedBlocked || sleptUnseen))
    }

    /// Looks at every call in flight: reports the ones newly asleep; quiet when all sleep.
    private func probeCallsInFlight() -> (quiet: Bool, changed: Bool) {
      var quiet = true
      var changed = false
      for id in inFlight.values {
        let task = tasks[id.rawValue]
        guard let call = task.current, let thread = task.thread else { continue }
        let asleep = call.real.sleepingSyscallNumber.map { ThreadProbe.isSleeping(tid: thread.tid, inSyscall: $0) }
        call.asleep = asleep ?? false
        guard call.asleep else {
          quiet = false
          continue
        }
        if !call.reportedBlocked {
          call.reportedBlocked = true
          call.sleepsForever = sleepsWithoutTimeout(call.real)
          changed = true
          emit(origin + call.record.startedAt, .blocked(call.record, nil, again: false))
        }
      }
      return (quiet, changed)
    }

    /// True when the call's socket timeout is 0 (MAX_SCHEDULE_TIMEOUT): only a wake-up
    /// can end its sleep.
    private func sleepsWithoutTimeout(_ call: Syscall) -> Bool {
      let (fd, option): (Int32, Int32)
      switch call {
      case .connect(let descriptor, _): (fd, option) = (descriptor, SO_SNDTIMEO)
      case .accept(let descriptor, _): (fd, option) = (descriptor, SO_RCVTIMEO)
      default: return false
      }
      var tv = timeval()
      var length = socklen_t(MemoryLayout<timeval>.size)
      guard getsockopt(fd, SOL_SOCKET, option, &tv, &length) == 0 else { return false }
      return tv.tv_sec == 0 && tv.tv_usec == 0
    }

    private func emit(_ monotonic: Int64, _ kind: TraceEvent.Kind) {
      onEvent?(TraceEvent(at: max(0, monotonic - origin), kind))
    }

    // MARK: Cleaning up

    /// Interrupts every call still asleep, ends the threads, closes every descriptor and
    /// removes the sandbox. Nothing of it is reported.
    func shutDown() {
      onEvent = nil
      let deadline = GNU.monotonicNow() + 2_000_000_000
      while !inFlight.isEmpty && GNU.monotonicNow() < deadline {
        for id in inFlight.values { tasks[id.rawValue].thread?.interrupt() }
        waitForCompletion(until: GNU.monotonicNow() + 10_000_000)
        _ = collectCompletions()
      }
      for task in tasks where task.current == nil { task.thread?.stop() }
      for descriptor in descriptors.openDescriptors { Glibc.close(descriptor) }
      sandbox.close()
    }
  }

  /// An actor's thread and its calls.
  final class LinuxTask {
    let name: String
    var thread: ActorThread?
    var pending = Deque<(Int, () -> Syscall)>()
    var current: LinuxCall?
    init(name: String) { self.name = name }
  }

  /// A call in flight.
  final class LinuxCall {
    let record: CallRecord
    let real: Syscall
    /// The script descriptor a `socket` or `accept` will return.
    let reserved: Int32?
    var asleep = false
    var reportedBlocked = false
    var sleepsForever = false

    init(record: CallRecord, real: Syscall, reserved: Int32?) {
      self.record = record
      self.real = real
      self.reserved = reserved
    }
  }
#endif
