/// sockscript's exit statuses (documented in docs/language.md and `--help`).
public enum ExitStatus: Int32, Sendable, Comparable {
  /// The scenario ran and every expectation held.
  case ok = 0
  /// An inline expectation did not hold.
  case expectationFailed = 1
  /// Every task was blocked with no timer pending: the scenario would block forever.
  case blockedForever = 2
  /// The process was killed by a signal (`SIGPIPE` from a stream `send`).
  case killedBySignal = 3
  /// Bad command-line usage.
  case usage = 64
  /// The script is wrong: a syntax error, an unknown name, a misuse.
  case scriptError = 65
  /// A file could not be read.
  case ioError = 74
  /// A bug in sockscript.
  case internalError = 70

  public static func < (a: ExitStatus, b: ExitStatus) -> Bool { a.rawValue < b.rawValue }
}
