import SockKernel

/// One call as a session saw it: what `sockscript verify` compares between the model and
/// the kernel. Calls are matched by their tag, the order the script issued them in.
public struct LoggedCall: Sendable {
  public let tag: Int
  public let actor: String
  /// Where the script asked for the call.
  public let location: SourceLocation
  /// The word of the script that made the call (`connect`, `server`, …).
  public let word: String
  /// The system call's name (`connect`, `setsockopt`, …).
  public let name: String
  /// It went to sleep at least once.
  public var blocked = false
  /// What it returned; nil while it has not returned (or never did).
  public var outcome: SyscallOutcome?
  public var returnedAt: Nanoseconds?
}

/// A timeout that fired in the model, with how many jiffies it had been armed for: each one
/// lets the real kernel run later than the model by up to its timer-wheel granularity.
public struct FiredTimeout: Sendable, Equatable {
  public let at: Nanoseconds
  public let jiffies: Jiffies

  public init(at: Nanoseconds, jiffies: Jiffies) {
    self.at = at
    self.jiffies = jiffies
  }
}

/// Every call of one run, in the order the script issued them.
public struct CallLog: Sendable {
  public private(set) var calls: [LoggedCall] = []
  public private(set) var timeouts: [FiredTimeout] = []
  private var index: [Int: Int] = [:]
  /// The timeout each sleeping call was last armed with, by tag.
  private var armed: [Int: Jiffies] = [:]

  public init() {}

  mutating func issued(tag: Int, actor: String, location: SourceLocation, word: String, name: String) {
    index[tag] = calls.count
    calls.append(LoggedCall(tag: tag, actor: actor, location: location, word: word, name: name))
  }

  mutating func blocked(tag: Int, timeout: Jiffies?) {
    guard let i = index[tag] else { return }
    calls[i].blocked = true
    armed[tag] = timeout
  }

  mutating func timedOut(tag: Int, at: Nanoseconds) {
    if let jiffies = armed[tag], jiffies != MAX_SCHEDULE_TIMEOUT {
      timeouts.append(FiredTimeout(at: at, jiffies: jiffies))
    }
  }

  mutating func returned(tag: Int, outcome: SyscallOutcome, at: Nanoseconds) {
    guard let i = index[tag] else { return }
    calls[i].outcome = outcome
    calls[i].returnedAt = at
    armed[tag] = nil
  }
}
