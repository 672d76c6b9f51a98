import SockKernel
import SyscallVocabulary

/// One call as a session saw it: what `sockscript verify` compares between the model and
/// the kernel.
public struct LoggedCall: Sendable {
  public let tag: Int
  public let actor: String
  /// Where the script asked for the call.
  public let location: SourceLocation
  /// The word of the script that made the call (`connect`, `server`, …).
  public let word: String
  /// The system call's name (`connect`, `setsockopt`, …).
  public let name: String
  /// When the call started; nil until it has.
  public var startedAt: Nanoseconds?
  /// It went to sleep at least once.
  public var blocked = false
  /// The jiffies its last sleep was armed for, when that sleep ended by its timeout.
  public var timedOutAfter: Jiffies?
  /// What it returned; nil while it has not returned (or never did).
  public var outcome: SyscallOutcome?
  public var returnedAt: Nanoseconds?
}

/// Every call of one run, in the order the script issued them.
public struct CallLog: Sendable {
  public private(set) var calls: [LoggedCall] = []
  private var index: [Int: Int] = [:]
  /// The timeout each sleeping call was last armed with, by tag.
  private var armed: [Int: Jiffies] = [:]

  public init() {}

  mutating func issued(tag: Int, actor: String, location: SourceLocation, word: String, name: String) {
    index[tag] = calls.count
    calls.append(LoggedCall(tag: tag, actor: actor, location: location, word: word, name: name))
  }

  mutating func blocked(tag: Int, startedAt: Nanoseconds, timeout: Jiffies?) {
    guard let i = index[tag] else { return }
    calls[i].blocked = true
    calls[i].startedAt = calls[i].startedAt ?? startedAt
    armed[tag] = timeout
  }

  mutating func timedOut(tag: Int) {
    guard let i = index[tag], let jiffies = armed[tag], jiffies != MAX_SCHEDULE_TIMEOUT else { return }
    calls[i].timedOutAfter = jiffies
  }

  mutating func returned(tag: Int, outcome: SyscallOutcome, startedAt: Nanoseconds, at: Nanoseconds) {
    guard let i = index[tag] else { return }
    calls[i].startedAt = calls[i].startedAt ?? startedAt
    calls[i].outcome = outcome
    calls[i].returnedAt = at
    armed[tag] = nil
  }
}
