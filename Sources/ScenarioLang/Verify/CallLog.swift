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
  /// The script's expectation of the call's result, if it wrote one.
  public var expectation: Expectation? = nil
  /// When the call started; nil until it has.
  public var startedAt: Nanoseconds?
  /// It went to sleep at least once.
  public var blocked = false
  /// The jiffies its last sleep was armed for, when that sleep ended by its timeout.
  public var timedOutAfter: Jiffies?
  /// When the timer of its sleep fires (the model's expiry), when it slept with one.
  public var deadline: Nanoseconds?
  /// That timer counts jiffies (`schedule_timeout`), not nanoseconds (a `poll`'s hrtimer).
  public var deadlineInJiffies = false
  /// What it returned; nil while it has not returned (or never did).
  public var outcome: SyscallOutcome?
  public var returnedAt: Nanoseconds?
  /// The kernel only: what its thread measured around the call.
  public var measured: MeasuredTiming?
}

/// Every call of one run, in the order the script issued them.
public struct CallLog: Sendable {
  public private(set) var calls: [LoggedCall] = []
  private var index: [Int: Int] = [:]
  /// The timeout each sleeping call was last armed with, by tag.
  private var armed: [Int: Jiffies] = [:]

  public init() {}

  mutating func issued(
    tag: Int, actor: String, location: SourceLocation, word: String, name: String, expectation: Expectation? = nil
  ) {
    index[tag] = calls.count
    calls.append(
      LoggedCall(tag: tag, actor: actor, location: location, word: word, name: name, expectation: expectation))
  }

  mutating func blocked(tag: Int, startedAt: Nanoseconds, timeout: Jiffies?, deadline: Nanoseconds? = nil) {
    guard let i = index[tag] else { return }
    calls[i].blocked = true
    calls[i].startedAt = calls[i].startedAt ?? startedAt
    // A sleep taken again after a wake-up keeps the call's expiry (the time left is counted
    // down from it), so the last deadline is the call's.
    if let deadline {
      calls[i].deadline = deadline
      calls[i].deadlineInJiffies = timeout.map { $0 != MAX_SCHEDULE_TIMEOUT } ?? false
    }
    armed[tag] = timeout
  }

  mutating func timedOut(tag: Int) {
    guard let i = index[tag], let jiffies = armed[tag], jiffies != MAX_SCHEDULE_TIMEOUT else { return }
    calls[i].timedOutAfter = jiffies
  }

  /// Adds what the kernel backend measured, by tag.
  public mutating func attach(_ timings: [Int: MeasuredTiming]) {
    for (tag, timing) in timings {
      guard let i = index[tag] else { continue }
      calls[i].measured = timing
    }
  }

  mutating func returned(tag: Int, outcome: SyscallOutcome, startedAt: Nanoseconds, at: Nanoseconds) {
    guard let i = index[tag] else { return }
    calls[i].startedAt = calls[i].startedAt ?? startedAt
    calls[i].outcome = outcome
    calls[i].returnedAt = at
    armed[tag] = nil
  }
}
