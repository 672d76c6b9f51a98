#if canImport(Glibc)
  import Glibc
  import SockKernel

  /// A call handed to an actor thread.
  struct Job: Sendable {
    let id: Int
    let call: Syscall
  }

  /// A call that came back, with when it started and ended (monotonic ns) and whether the
  /// thread slept inside it (its voluntary context switches went up).
  struct CallCompletion: Sendable {
    let id: Int
    let result: RealResult
    let startedAt: Int64
    let endedAt: Int64
    let slept: Bool
  }

  /// Completions waiting for the driver, under the monitor's lock.
  final class Mailbox: @unchecked Sendable {
    let monitor = Monitor()
    var completions: [CallCompletion] = []
  }

  /// One real thread per actor, making its calls one at a time, as the model's task does.
  final class ActorThread: @unchecked Sendable {
    private let mailbox: Mailbox
    /// Guarded by the mailbox's monitor.
    private var job: Job?
    private var exiting = false
    private var started = false
    /// The thread's id, for `/proc/self/task/TID/…`; set before ``start()`` returns.
    private(set) var tid: pid_t = -1
    private var thread = pthread_t()

    init(mailbox: Mailbox) { self.mailbox = mailbox }

    /// Starts the thread and waits until it knows its id.
    func start() {
      let context = Unmanaged.passRetained(self).toOpaque()
      let created = pthread_create(
        &thread, nil,
        { context in
          let actor = Unmanaged<ActorThread>.fromOpaque(context!).takeRetainedValue()
          actor.loop()
          return nil
        }, context)
      precondition(created == 0, "pthread_create failed: \(created)")
      mailbox.monitor.locked {
        while !started { mailbox.monitor.wait() }
      }
    }

    /// Hands the thread its next call; it must be idle.
    func run(_ next: Job) {
      mailbox.monitor.locked {
        job = next
        mailbox.monitor.broadcast()
      }
    }

    /// Interrupts the call the thread sleeps in: the signal's handler does nothing and is
    /// installed without SA_RESTART, so the call returns EINTR.
    func interrupt() { pthread_kill(thread, SIGUSR1) }

    /// Ends the thread once its current call (if any) has returned, and joins it.
    func stop() {
      mailbox.monitor.locked {
        exiting = true
        mailbox.monitor.broadcast()
      }
      pthread_join(thread, nil)
    }

    private func loop() {
      let id = GNU.threadID()
      mailbox.monitor.locked {
        tid = id
        started = true
        mailbox.monitor.broadcast()
      }
      while true {
        let next: Job? = mailbox.monitor.locked {
          while job == nil && !exiting { mailbox.monitor.wait() }
          defer { job = nil }
          return job
        }
        guard let next else { return }
        let switchesBefore = Self.voluntarySwitches()
        let startedAt = GNU.monotonicNow()
        let result = next.call.perform()
        let endedAt = GNU.monotonicNow()
        let slept = Self.voluntarySwitches() > switchesBefore
        mailbox.monitor.locked {
          mailbox.completions.append(
            CallCompletion(id: next.id, result: result, startedAt: startedAt, endedAt: endedAt, slept: slept))
          mailbox.monitor.broadcast()
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
