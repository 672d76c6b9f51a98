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
  /// Receives everything observable, in order.
  var onEvent: ((TraceEvent) -> Void)? { get set }
  /// Creates a thread named `name`.
  func spawn(name: String) -> TaskID
  func name(of task: TaskID) -> String
  /// Queues a call for `task`; `make` builds its arguments when the call starts, so a
  /// call can use a descriptor an earlier call returned.
  func submit(_ task: TaskID, tag: Int, _ make: @escaping () -> Syscall)
  /// True when `task` has no call in progress or queued.
  func isIdle(_ task: TaskID) -> Bool
  /// Calls queued behind `task`'s current one.
  func queuedCalls(_ task: TaskID) -> Int
  /// Lets calls run until `condition` holds (checked only when nothing more can happen at
  /// this moment) or until every call left is asleep for good.
  func run(until condition: () -> Bool) -> RunStop
  /// How far a run may move virtual time (the `--max-virtual-time` limit). The real kernel's
  /// time is real, bounded by its own `--time-limit`, so by default this does nothing.
  func limitVirtualTime(to instant: Nanoseconds)
  /// An alarm that goes off at `instant`.
  func setAlarm(at instant: Nanoseconds) -> AlarmID
  func hasFired(_ alarm: AlarmID) -> Bool
  /// The calls asleep right now, in task order.
  func sleepingCalls() -> [SleepingCall]
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
}

/// One observable event, stamped with when it happened.
public struct TraceEvent: Sendable {
  public enum Kind: Sendable {
    /// A call returned (`resumed` when it had slept first).
    case returned(CallRecord, SyscallOutcome, resumed: Bool)
    /// A call went to sleep; `info` is nil when the backend cannot see where (the real
    /// kernel shows only that the thread sleeps).
    case blocked(CallRecord, BlockInfo?, again: Bool)
    /// The model only: a sleeping call was woken by another task's call on `queue`.
    case woken(CallRecord, by: TaskID, queue: WaitQueueName)
    /// The model only: a sleeping call's timeout fired (it slept on `queues`).
    case timedOut(CallRecord, queues: [WaitQueueName])
    /// The model only: a signal woke a sleeping call.
    case interrupted(CallRecord, by: Signal)
    /// The model only: an interrupted call starts again (`SA_RESTART`).
    case restarted(CallRecord, after: Signal)
    /// The call reached a path the backend does not implement; it is abandoned.
    case notModelled(CallRecord, String)
    /// The backend could not make the call (a thread it could not start, an errno it does
    /// not know); the call is abandoned and the run stops.
    case cannotRun(CallRecord, String)
    /// A kernel log line (`printk`).
    case log(String)
  }

  public let at: Nanoseconds
  public let kind: Kind

  public init(at: Nanoseconds, _ kind: Kind) {
    self.at = at
    self.kind = kind
  }
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
