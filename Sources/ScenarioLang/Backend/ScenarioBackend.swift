import SockKernel
import SyscallVocabulary

/// Which kernel a scenario runs on.
public enum BackendKind: String, Sendable, CaseIterable {
  /// SockKernel, the deterministic model with virtual time.
  case model
  /// Real AF_UNIX sockets of the running Linux kernel, real threads and real time.
  case linux
}

/// Runs a scenario's system calls: the model, or the real kernel. The session drives it
/// the same way for both, so the two traces can be compared call by call.
public protocol ScenarioBackend: AnyObject {
  var kind: BackendKind { get }
  /// Time since the run started.
  var now: Nanoseconds { get }
  /// Receives everything observable, in order, with when it happened (time since the run
  /// started): the model's events as it reports them, the real kernel's in the same words.
  var onEvent: ((KernelEvent, Nanoseconds) -> Void)? { get set }
  /// Creates a thread named `name` in process 1.
  func spawn(name: String) -> TaskID
  /// Creates a thread named `name` in the process `task` belongs to (a `fork`ed child's).
  func spawn(name: String, alongside task: TaskID) -> TaskID
  func name(of task: TaskID) -> String
  /// `rt_sigaction(signal, SIG_IGN)` in `task`'s process, at once: it holds for every call
  /// that returns from then on. A program's setting up, which the trace does not show
  /// (`ignore SIGPIPE`).
  func ignoreSignal(_ signal: Signal, in task: TaskID)
  /// `rt_sigaction(signal, handler)` in `task`'s process, at once, with SA_RESTART when
  /// `restart`; the handler does nothing but interrupt what the thread it runs on sleeps
  /// in (`handle SIGURG`), and the trace does not show its setting up either.
  func catchSignal(_ signal: Signal, restart: Bool, in task: TaskID)
  /// Queues a call for `task`; `make` builds its arguments when the call starts, so a
  /// call can use a descriptor an earlier call returned.
  func submit(_ task: TaskID, tag: Int, _ make: @escaping () -> Syscall)
  /// True when a call submitted for `task` now starts before any other call returns, so its
  /// arguments can be built at once and given to ``submit(_:tag:syscall:)``.
  func startsAtOnce(_ task: TaskID) -> Bool
  /// Queues a call whose arguments are already built: one that names no descriptor, or
  /// one for a task of which ``startsAtOnce(_:)`` holds.
  func submit(_ task: TaskID, tag: Int, syscall: consuming Syscall)
  /// True when `task` has no call in progress or queued.
  func isIdle(_ task: TaskID) -> Bool
  /// Calls queued behind `task`'s current one.
  func queuedCalls(_ task: TaskID) -> Int
  /// Lets calls run until `condition` holds (checked only when nothing more can happen at
  /// this moment) or until every call left is asleep for good.
  func run(until condition: () -> Bool) -> RunStop
  /// Makes the ``run(until:)`` in progress return ``RunStop/halted`` as soon as it can (for
  /// the model, once the call running now sleeps or returns), with what was runnable left
  /// queued: called from ``onEvent`` when the run must end at once.
  func halt()
  /// How far a run may move virtual time (the `--max-virtual-time` limit). The real kernel's
  /// time is real, bounded by its own `--time-limit`, so by default this does nothing.
  func limitVirtualTime(to instant: Nanoseconds)
  /// An alarm that goes off at `instant`.
  func setAlarm(at instant: Nanoseconds) -> AlarmID
  func hasFired(_ alarm: AlarmID) -> Bool
  /// The calls asleep right now, in task order.
  func sleepingCalls() -> [SleepingCall]
  /// The sockets of process 1 as `ss -x` sees them, for `state`, with the clock that turns
  /// their timeouts (in jiffies) into time.
  func socketTable() -> (sockets: [SocketSnapshot], clock: VirtualClock)
  /// Whether a call that completed at `actual` satisfies `at expected`.
  func timeAgrees(expected: Nanoseconds, actual: Nanoseconds) -> Bool
  /// Why the last ``run(until:)`` that returned `.stalled` stopped, when it was not that
  /// every call left sleeps for good (the real kernel's time limit); nil otherwise.
  var stopReason: String? { get }
  /// Releases what the run holds (threads, descriptors, files).
  func shutDown()
}

extension ScenarioBackend {
  public func limitVirtualTime(to instant: Nanoseconds) {}
  /// A backend that cannot tell builds every call's arguments when it starts.
  public func startsAtOnce(_ task: TaskID) -> Bool { false }
  public func submit(_ task: TaskID, tag: Int, syscall: consuming Syscall) { submit(task, tag: tag) { syscall } }
}

/// A call asleep in the kernel.
public struct SleepingCall: Sendable {
  public let task: TaskID
  public let call: CallRecord
  /// Where it sleeps (several queues for a `poll`); empty when the backend cannot see it.
  public let queues: [WaitQueueName]

  public init(task: TaskID, call: CallRecord, queues: [WaitQueueName]) {
    self.task = task
    self.call = call
    self.queues = queues
  }
}
