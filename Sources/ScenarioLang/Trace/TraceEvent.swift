import SyscallVocabulary

/// One event of a run as the trace records it, with every name resolved: the line the
/// trace prints (`text`, after the time and the thread), and the facts behind it. What
/// `--calls` and `--sockets` filter, `--summary` counts, `--format jsonl` writes (one object
/// per event; docs/trace.md gives the schema) and a timeline draws.
public struct TraceEvent: Sendable, Equatable, Codable {
  public enum Kind: String, Sendable, Codable, CaseIterable {
    /// A call returned (`resumed`: after it slept).
    case returned
    /// A call went to sleep (`again`: after a wake-up that found nothing to do).
    case blocked
    /// A sleeping call was woken (`by`: the waking thread, `queues`: the queue).
    case woken
    /// A sleeping call's timer ended its sleep.
    case timedOut = "timed_out"
    /// A signal (`by`) ended a call's sleep.
    case interrupted
    /// A call interrupted by a signal (`by`) with SA_RESTART begins again.
    case restarted
    /// A call that can never return: the run stalled with it asleep.
    case blocksForever = "blocks_forever"
    /// A process's end (`text` says how), or what an exec ended.
    case process
    /// A line of the kernel's own (a message it logs, a collection of sockets).
    case kernel
    /// The socket table a `state` statement printed (`text` holds its lines).
    case state
  }

  public var kind: Kind
  /// Virtual time (the model) or time since the run began (the kernel), in nanoseconds.
  public var time: Nanoseconds
  /// The thread the line is for.
  public var thread: String
  /// Its process: 1 for the script's own, then each fork's.
  public var pid: Int32
  /// The call's name as strace prints it (`connect`, `accept4`); nil for the events of no call.
  public var call: String?
  /// The call's number in the run: its `blocked`, `woken` and `returned` events share it.
  public var callID: Int?
  /// The socket the call acts on, by its script name.
  public var socket: String?
  /// `returned`: when the call was made.
  public var startedAt: Nanoseconds?
  /// `returned`: the value, and the error's name when it failed.
  public var result: Int64?
  public var errno: String?
  /// `returned`: it slept first. `blocked`: it slept before (`again`).
  public var resumed: Bool?
  /// `blocked`, `woken`, `timed_out`, `blocks_forever`: the wait queues, by their trace names.
  public var queues: [String]?
  /// `blocked`: when its timer fires, if it has one.
  public var deadline: Nanoseconds?
  /// `blocked`: why it sleeps; `returned` with an error: why it failed (the kernel's
  /// function and check), shown under the line with `--explain`.
  public var reason: String?
  /// `woken`: the waking thread; `interrupted`, `restarted`: the signal.
  public var by: String?
  /// The line's text after its time and thread (several lines for `state`).
  public var text: String

  public init(kind: Kind, time: Nanoseconds, thread: String, pid: Int32, text: String) {
    self.kind = kind
    self.time = time
    self.thread = thread
    self.pid = pid
    self.text = text
  }

  /// `returned`: the time the call took (the virtual time between its start and return).
  public var duration: Nanoseconds? { startedAt.map { time - $0 } }
}
