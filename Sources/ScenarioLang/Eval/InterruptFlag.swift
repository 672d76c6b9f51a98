#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// A Ctrl-C that arrived while a statement was running. A SIGINT handler calls ``raise()``,
/// which only stores a word (async-signal-safe); a session whose
/// ``ScenarioSession/interruptCheck`` reads ``isRaised`` returns early at its next safe
/// point, and the REPL ``take()``s it to report the interruption.
public final class InterruptFlag: @unchecked Sendable {
  /// Allocated once and never freed, so that a handler never touches Swift runtime state.
  private let word: UnsafeMutablePointer<sig_atomic_t>

  public init() {
    word = .allocate(capacity: 1)
    word.initialize(to: 0)
  }

  /// The flag the process's SIGINT handler raises. Touch it before installing the handler,
  /// so that its lazy initialisation never runs inside the handler.
  public static let sigint = InterruptFlag()

  /// Safe to call from a signal handler.
  public func raise() { word.pointee = 1 }

  /// Whether an interrupt is pending.
  public var isRaised: Bool { word.pointee != 0 }

  /// Clears the request and says whether there was one.
  @discardableResult
  public func take() -> Bool {
    let raised = word.pointee != 0
    word.pointee = 0
    return raised
  }
}
