import SockKernel
import SyscallVocabulary

/// How much one run may ask for. A script is user input: these bounds keep a hostile or
/// mistaken one to a clear error instead of unbounded memory or time. Each limit has a
/// command-line flag that raises it (``flag(_:)``); docs/language.md §10 lists them.
public struct Limits: Sendable, Equatable {
  /// One of the limits, for error messages.
  public enum Kind: Sendable {
    case scriptBytes, statements, wakeups, sockets, virtualTime, nesting, processes, threads
  }

  /// Bytes of script text. The lexer keeps a token for every few bytes, so this bounds
  /// memory; 32 MiB holds a million `client cN connect` lines.
  public var maxScriptBytes = 32 << 20
  /// Statements executed (not counting empty ones or those of the other backend's side);
  /// each iteration of a `repeat` counts as one more, so that every loop ends. A script's
  /// budget; in the REPL, each line's.
  public var maxStatements = 10_000_000
  /// Times a sleeping call is woken (each `<... woken by …>` line). One statement can wake
  /// calls without end of its own — a 64 MiB `send` to a socket whose buffers hold a few
  /// KiB is woken once for each of the tens of thousands of turns its reader takes — so
  /// these count against a budget of their own, kept as the statements' is.
  public var maxWakeups = 10_000_000
  /// How deep `repeat`s may nest: the parser, the name check and the evaluator recurse
  /// once per level.
  public var maxNesting = 64
  /// Sockets the script creates: declarations and accepted connections, closed ones
  /// included (the model keeps every task it spawned). 2^21 holds a million connections
  /// with both ends open.
  public var maxSockets = 1 << 21
  /// Processes the script forks. Each costs the model a few KiB and the kernel backend a
  /// real process: 2^17 holds the pre-fork benchmark's hundred thousand.
  public var maxProcesses = 1 << 17
  /// Threads the script declares (`thread NAME`), sockets' own threads aside (the socket
  /// limit bounds those).
  public var maxThreads = 1 << 21
  /// How far the virtual clock may go: a timer or `sleep` due later stops the run.
  public var maxVirtualTime: Nanoseconds = 365 * 86_400 * 1_000_000_000

  /// The defaults above.
  public init() {}

  /// The flag that raises the limit: every command that runs scripts (`run`, `test`,
  /// `repl`, `verify`) has them all.
  public static func flag(_ kind: Kind) -> String {
    switch kind {
    case .scriptBytes: "--max-script-bytes"
    case .statements: "--max-statements"
    case .wakeups: "--max-wakeups"
    case .sockets: "--max-sockets"
    case .virtualTime: "--max-virtual-time"
    case .nesting: "--max-nesting"
    case .processes: "--max-processes"
    case .threads: "--max-threads"
    }
  }

  /// The note under a limit's error: which flag raises it.
  static func note(_ kind: Kind) -> String { "raise the limit with \(flag(kind))" }
}
