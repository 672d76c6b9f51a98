#if canImport(Glibc)
  import Glibc
  import SyscallVocabulary

  /// A call handed to an actor thread.
  struct Job: Sendable, Codable {
    let id: Int
    let call: Syscall
    /// A `fork`'s child host and what it keeps (``ForkPlan``).
    var fork: ForkPlan?
    /// An `execve`'s new image of the host (``ExecPlan``).
    var exec: ExecPlan? = nil
  }

  /// A call that came back, with when it started and ended (monotonic ns) and whether the
  /// thread slept inside it (its voluntary context switches went up); the coarse clock at
  /// its start, and how long the thread waited for a CPU meanwhile (``CallClock``).
  struct CallCompletion: Sendable, Codable {
    let id: Int
    let result: RealResult
    let startedAt: Int64
    let endedAt: Int64
    let slept: Bool
    let coarseAtStart: Int64
    let runDelay: Int64
  }

  /// Completions waiting for the driver, under the monitor's lock.
  final class Mailbox: @unchecked Sendable {
    let monitor = Monitor()
    /// Signalled when a completion arrives (or a thread has started).
    let driver: Monitor.Condition
    var completions: [CallCompletion] = []
    /// Forked children that ended (``HostConnection``).
    var endings: [ProcessEnding] = []

    init() { driver = Monitor.Condition(monitor) }
  }

  /// One real thread per actor, making its calls one at a time, as the model's task does.
  final class ActorThread: @unchecked Sendable {
    private let mailbox: Mailbox
    /// Signalled when the thread has a job or must exit.
    private let wakeUp: Monitor.Condition
    /// Guarded by the mailbox's monitor.
    private var job: Job?
    private var exiting = false
    private var started = false
    /// The thread's id, for `/proc/self/task/TID/…`; set before ``start()`` returns.
    private(set) var tid: pid_t = -1
    /// Its `/proc/…/syscall` file, open for the thread's life (``ThreadProbe``); set before
    /// ``start()`` returns.
    private(set) var syscallFile: Int32 = -1
    /// Its `/proc/…/schedstat` file, open for the thread's life likewise.
    private(set) var schedstatFile: Int32 = -1
    /// Its `/proc/…/stat` file likewise.
    private(set) var statFile: Int32 = -1
    private var thread = pthread_t()

    /// The kernel's jiffy: a call that may arm a timeout in jiffies does not start in the
    /// first moments after a tick (``CallClock/waitPastTick(jiffy:margin:)``).
    private let jiffy: Int64

    /// Makes an `execve` job's call: a host's (``ExecPlan``), which returns only when the
    /// execve fails. Set before ``start()``; without it an execve is not made (ENOSYS).
    var execve: ((ExecPlan, _ call: Int) -> RealResult)?

    init(mailbox: Mailbox, jiffy: Int64) {
      self.mailbox = mailbox
      self.jiffy = jiffy
      wakeUp = Monitor.Condition(mailbox.monitor)
    }

    /// How long after a tick a timed call waits: long enough for the tick's update of
    /// `jiffies` to have run (tens of microseconds measured), short against the jiffy.
    private var tickMargin: Int64 { min(500_000, jiffy / 4) }

    /// A thread makes one call at a time and needs little stack; a small one lets a
    /// scenario have thousands of actors.
    static let stackSize = 256 * 1024

    /// Starts the thread and waits until it knows its id; the error when it cannot start.
    func start() -> String? {
      let context = Unmanaged.passRetained(self).toOpaque()
      var attributes = pthread_attr_t()
      pthread_attr_init(&attributes)
      defer { pthread_attr_destroy(&attributes) }
      pthread_attr_setstacksize(&attributes, Self.stackSize)
      let created = pthread_create(
        &thread, &attributes,
        { context in
          let actor = Unmanaged<ActorThread>.fromOpaque(context!).takeRetainedValue()
          actor.loop()
          return nil
        }, context)
      guard created == 0 else {
        Unmanaged<ActorThread>.fromOpaque(context).release()
        return String(cString: strerror(created))
      }
      mailbox.monitor.locked {
        while !started { mailbox.driver.wait() }
      }
      return nil
    }

    /// Hands the thread its next call; it must be idle.
    func run(_ next: Job) {
      mailbox.monitor.locked {
        job = next
        wakeUp.signal()
      }
    }

    /// Interrupts the call the thread sleeps in: the signal's handler does nothing and is
    /// installed without SA_RESTART, so the call returns EINTR. The backend's own signal,
    /// which no script can block (`block` takes SIGUSR1, SIGUSR2 and SIGURG only).
    func interrupt() { pthread_kill(thread, LinuxBackend.interruptSignal) }

    /// Ends the thread once its current call (if any) has returned, and joins it.
    func stop() {
      mailbox.monitor.locked {
        exiting = true
        wakeUp.signal()
      }
      pthread_join(thread, nil)
    }

    private func loop() {
      // A stream send raises SIGPIPE at its own thread; blocked, it stays pending there for
      // the call to report (an ignored, unblocked signal would be discarded).
      var pipe = sigset_t()
      sigemptyset(&pipe)
      sigaddset(&pipe, SIGPIPE)
      pthread_sigmask(SIG_BLOCK, &pipe, nil)
      let id = GNU.threadID()
      let file = ThreadProbe.openOwnFile("/proc/thread-self/syscall")
      defer { if file >= 0 { close(file) } }
      let schedstat = ThreadProbe.openOwnFile("/proc/thread-self/schedstat")
      defer { if schedstat >= 0 { close(schedstat) } }
      let stat = ThreadProbe.openOwnFile("/proc/thread-self/stat")
      defer { if stat >= 0 { close(stat) } }
      let clock = CallClock.forCallingThread()
      defer { clock.close() }
      mailbox.monitor.locked {
        tid = id
        syscallFile = file
        schedstatFile = schedstat
        statFile = stat
        started = true
        // A host has two waiters on this condition (its request loop and its forwarder).
        mailbox.driver.broadcast()
      }
      while true {
        let next: Job? = mailbox.monitor.locked {
          while job == nil && !exiting { wakeUp.wait() }
          defer { job = nil }
          return job
        }
        guard let next else { return }
        if next.call.mayArmJiffyTimeout { CallClock.waitPastTick(jiffy: jiffy, margin: tickMargin) }
        let switchesBefore = Self.voluntarySwitches()
        let delayBefore = clock.runDelay()
        var startedAt = GNU.monotonicNow()
        var coarse = CallClock.coarseNow()
        let result =
          next.exec.map { execve?($0, next.id) ?? RealResult(value: -1, errno: ENOSYS, timeval: nil) }
          ?? next.fork?.perform() ?? next.call.perform()
        var endedAt = GNU.monotonicNow()
        // Calls that prepare or copy data time the system call alone, not the copying.
        if let span = result.syscallSpan { (startedAt, coarse, endedAt) = (span.entered, span.coarse, span.returned) }
        let runDelay = clock.runDelay() - delayBefore
        let slept = Self.voluntarySwitches() > switchesBefore
        let completion = CallCompletion(
          id: next.id, result: result, startedAt: startedAt, endedAt: endedAt, slept: slept, coarseAtStart: coarse,
          runDelay: runDelay)
        mailbox.monitor.locked {
          mailbox.completions.append(completion)
          mailbox.driver.broadcast()
        }
      }
    }

    /// `ru_nvcsw` of the calling thread (`RUSAGE_THREAD`).
    private static func voluntarySwitches() -> Int {
      var usage = rusage()
      getrusage(__rusage_who_t(1), &usage)
      return usage.ru_nvcsw
    }
  }
#endif
