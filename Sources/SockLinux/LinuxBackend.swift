#if canImport(Glibc)
  import Collections
  import Glibc
  import ScenarioLang
  import SyscallVocabulary

  /// The real kernel as a backend: one thread per actor making real, blocking AF_UNIX calls
  /// in a private directory and network namespace, with real time.
  ///
  /// The driver hands out one call at a time and waits until the system is quiet (every
  /// call in flight asleep inside the kernel, as `/proc/self/task/TID/syscall` shows) before
  /// the next, which is the model's order: a call runs until it returns or sleeps.
  public final class LinuxBackend: ScenarioBackend {
    public struct Options {
      /// No change for this long while every call left sleeps with no timeout means they
      /// sleep for good.
      public var stallGrace: Nanoseconds = 100_000_000
      /// A run never takes longer than this in real time.
      public var timeLimit: Nanoseconds = 60_000_000_000
      public var slack: Nanoseconds = 10_000_000
      /// What a forked child execs as its host (``ProcessHost``): sockscript itself, or the
      /// sockscript built next to a test runner (``ProcessHost/defaultExecutable``).
      public var hostExecutable = ProcessHost.defaultExecutable

      public init() {}
    }

    public let kind = BackendKind.linux
    public var onEvent: ((KernelEvent, Nanoseconds) -> Void)?
    public let hz: Int64
    public let tolerance: KernelTolerance
    public let options: Options
    /// True once the run hit ``Options/timeLimit``.
    public internal(set) var exceededTimeLimit = false
    /// Set by ``halt()``: the run in progress returns at its next turn.
    var haltRequested = false

    public var stopReason: String? {
      guard exceededTimeLimit else { return nil }
      return "the kernel run was stopped after --time-limit \(options.timeLimit / 1_000_000_000)s of real time"
    }
    /// Real time spent while a call ran or was being started (see ``timeAgrees(expected:actual:)``).
    var busyTime: Nanoseconds = 0
    /// What the actor threads measured around each call that returned, by the script's tag,
    /// for `verify`'s comparison.
    public internal(set) var timings: [Int: MeasuredTiming] = [:]

    let mailbox = Mailbox()
    let sandbox: Sandbox
    let origin = GNU.monotonicNow()
    var tasks: [LinuxTask] = []
    /// Tasks with a call to start, in the order they became ready.
    var ready = Deque<TaskID>()
    var descriptors = DescriptorTable()
    var inFlight: [Int: TaskID] = [:]
    var nextCallID = 0
    var alarms: [Int: Nanoseconds] = [:]
    var firedAlarms = Set<Int>()
    var nextAlarm = 0
    /// The paths the sandbox made relative (an absolute path loses its leading slashes), by
    /// the relative path with its NUL: the script's address.
    var absolutePaths: [[UInt8]: SockAddrUn] = [:]
    /// The abstract names the kernel chose at an autobind (the sandbox's prefix is not on
    /// them), which a later `connect` or `send … to` uses as they are.
    var autoboundNames: Set<[UInt8]> = []
    /// `ignore SIGPIPE` ran in process 1: what its forks inherit.
    var processOneIgnoresSIGPIPE = false
    /// `handle SIGURG` ran in process 1 (with SA_RESTART: true): what its forks inherit.
    var processOneSigurgHandler: Bool?
    /// Forked processes, by model pid from 2.
    var children: [LinuxProcess] = []
    /// The control channels of `fork` calls in flight, by call id.
    var pendingForks: [Int: ForkChannel] = [:]

    enum Failure: Error, CustomStringConvertible {
      case noHZ
      var description: String { "cannot measure the kernel's HZ (SO_SNDTIMEO of 1 us did not read back)" }
    }

    public init(options: Options = Options()) throws {
      guard let hz = KernelHZ.detect() else { throw Failure.noHZ }
      self.hz = hz
      self.options = options
      var tolerance = KernelTolerance(hz: hz, slack: options.slack)
      tolerance.roundsExpiryUp = KernelVersion.wheelRoundsExpiryUp
      self.tolerance = tolerance
      Self.installSignalHandling()
      sandbox = try Sandbox()
    }

    /// The signal that ends a call still asleep when the run is over (``shutDown()``): the
    /// first real-time signal glibc leaves to programs, never blocked by a script's
    /// `block`, so that a thread blocking SIGUSR1 is still interrupted.
    static let interruptSignal = __libc_current_sigrtmin()

    /// SIGPIPE is ignored, so that a write to a closed peer returns EPIPE instead of killing
    /// sockscript; SIGUSR1 interrupts a sleeping call (no SA_RESTART: it returns EINTR).
    static func installSignalHandling() {
      signal(SIGPIPE, SIG_IGN)
      var action = sigaction()
      action.__sigaction_handler.sa_handler = { _ in }
      sigemptyset(&action.sa_mask)
      action.sa_flags = 0
      sigaction(SIGUSR1, &action, nil)
      sigaction(interruptSignal, &action, nil)
      // `signal NAME restart`: a handler with SA_RESTART.
      action.sa_flags = SA_RESTART
      sigaction(SIGUSR2, &action, nil)
      // A parent may have started us with it blocked; actor threads inherit this mask.
      var unblock = sigset_t()
      sigemptyset(&unblock)
      sigaddset(&unblock, SIGUSR1)
      sigaddset(&unblock, SIGUSR2)
      pthread_sigmask(SIG_UNBLOCK, &unblock, nil)
    }

    public var now: Nanoseconds { GNU.monotonicNow() - origin }

    // MARK: Tasks

    public func spawn(name: String) -> TaskID {
      let id = TaskID(rawValue: tasks.count)
      tasks.append(LinuxTask(name: name))
      return id
    }

    /// A thread in the process `task` belongs to: a forked child's host starts it there.
    public func spawn(name: String, alongside task: TaskID) -> TaskID {
      let id = spawn(name: name)
      if let process = tasks[task.rawValue].process {
        tasks[id.rawValue].process = process
        process.tasks.append(id)
      }
      return id
    }

    public func name(of task: TaskID) -> String { tasks[task.rawValue].name }

    public func submit(_ task: TaskID, tag: Int, _ make: @escaping () -> Syscall) {
      let t = tasks[task.rawValue]
      t.pending.append((tag, make))
      if t.current == nil && t.pending.count == 1 { ready.append(task) }
    }

    public func isIdle(_ task: TaskID) -> Bool {
      tasks[task.rawValue].current == nil && tasks[task.rawValue].pending.isEmpty
    }

    public func queuedCalls(_ task: TaskID) -> Int { tasks[task.rawValue].pending.count }

    public func sleepingCalls() -> [SleepingCall] {
      tasks.indices.compactMap { i in
        guard let call = tasks[i].current, call.asleep else { return nil }
        return SleepingCall(task: TaskID(rawValue: i), call: call.record, queues: [])
      }
    }

    // MARK: Time

    public func setAlarm(at instant: Nanoseconds) -> AlarmID {
      nextAlarm += 1
      alarms[nextAlarm] = instant
      return AlarmID(rawValue: nextAlarm)
    }

    public func hasFired(_ alarm: AlarmID) -> Bool { firedAlarms.contains(alarm.rawValue) }

    /// Without a model run to measure drift against, the drift is estimated as the real
    /// time spent while some call was running or being started: time the model spends none of.
    public func timeAgrees(expected: Nanoseconds, actual: Nanoseconds) -> Bool {
      tolerance.window(expected: expected, drift: busyTime).contains(actual)
    }

    // MARK: Cleaning up

    /// Interrupts every call still asleep, ends the threads, closes every descriptor and
    /// removes the sandbox. Nothing of it is reported.
    public func shutDown() {
      onEvent = nil
      endChildren()
      let deadline = GNU.monotonicNow() + 2_000_000_000
      while !inFlight.isEmpty && GNU.monotonicNow() < deadline {
        for id in inFlight.values { tasks[id.rawValue].thread?.interrupt() }
        waitForCompletion(until: GNU.monotonicNow() + 10_000_000)
        _ = collectCompletions()
      }
      for task in tasks where task.current == nil { task.thread?.stop() }
      for descriptor in descriptors.openDescriptors { Glibc.close(descriptor) }
      reapChildren()
      // Sockets the run left in a dead cycle of messages in flight go only when a collection
      // runs, which a socket's release starts: one more socket, released, starts it now.
      Glibc.close(Glibc.socket(Glibc.AF_UNIX, Int32(Glibc.SOCK_STREAM.rawValue), 0))
      // A `handle SIGURG` of process 1 was sockscript's own: the next run starts without it.
      Glibc.signal(SIGURG, SIG_DFL)
      sandbox.close()
    }
  }

  /// An actor's thread and its calls.
  final class LinuxTask {
    let name: String
    var thread: (any TaskThread)?
    /// The forked child the task is a thread of; nil: process 1.
    var process: LinuxProcess?
    var pending = Deque<(Int, () -> Syscall)>()
    var current: LinuxCall?
    /// Another thread of its process called execve, which ended this one (`de_thread`).
    var endedByExec = false
    init(name: String) { self.name = name }
  }

  /// A call in flight.
  final class LinuxCall {
    let record: CallRecord
    let real: Syscall
    /// The script descriptor a `socket` or `accept` will return (a `socketpair`'s first).
    let reserved: Int32?
    /// A `socketpair`'s second script descriptor.
    var reservedSecond: Int32?
    var asleep = false
    var reportedBlocked = false
    var sleepsForever = false
    /// Its thread's time on a CPU at the last probe that found it asleep
    /// (``ThreadProbe/runTime(schedstatFile:)``).
    var runTimeAsleep: UInt64?

    init(record: CallRecord, real: Syscall, reserved: Int32?) {
      self.record = record
      self.real = real
      self.reserved = reserved
    }
  }
#endif
