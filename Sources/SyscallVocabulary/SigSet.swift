/// `sigset_t` as the kernel holds it (`_NSIG` = 64 bits, one per signal, bit `signo - 1`):
/// a thread's blocked or pending signals, or the mask a `ppoll`, `pselect6` or
/// `epoll_pwait` sleeps with.
public struct SigSet: OptionSet, Sendable, Hashable, Codable, CustomStringConvertible {
  public let rawValue: UInt64

  public init(rawValue: UInt64) { self.rawValue = rawValue }

  /// The set of one signal (`sigmask(sig)`).
  public init(_ signal: Signal) { rawValue = 1 << UInt64(signal.rawValue - 1) }

  public init(_ signals: some Sequence<Signal>) {
    self = signals.reduce(into: SigSet()) { $0.insert(SigSet($1)) }
  }

  /// `sigsetsize`: what the kernel accepts from user space (`sizeof(sigset_t)` in the
  /// kernel's sense, 8 bytes; glibc's own sigset_t is larger and passes this).
  public static let size = 8

  public func contains(_ signal: Signal) -> Bool { contains(SigSet(signal)) }

  /// The signals the model knows that are in the set, lowest number first (the order in
  /// which `next_signal` takes them).
  public var signals: [Signal] {
    (0..<64).compactMap { bit in rawValue & (1 << UInt64(bit)) != 0 ? Signal(rawValue: Int32(bit + 1)) : nil }
  }

  /// The lowest-numbered signal in the set (`next_signal`'s `ffz`), without building a list.
  public var lowest: Signal? {
    rawValue == 0 ? nil : Signal(rawValue: Int32(rawValue.trailingZeroBitCount + 1))
  }

  /// As strace prints a set: `[USR1 USR2]`, `[]` for none.
  public var description: String {
    "[" + signals.map { String($0.description.dropFirst(3)) }.joined(separator: " ") + "]"
  }
}

/// `rt_sigprocmask`'s `how`.
public enum SigprocmaskHow: Int32, Sendable, Codable, CustomStringConvertible {
  case SIG_BLOCK = 0
  case SIG_UNBLOCK = 1
  case SIG_SETMASK = 2

  public var description: String {
    switch self {
    case .SIG_BLOCK: "SIG_BLOCK"
    case .SIG_UNBLOCK: "SIG_UNBLOCK"
    case .SIG_SETMASK: "SIG_SETMASK"
    }
  }
}
