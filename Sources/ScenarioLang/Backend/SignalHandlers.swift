import SyscallVocabulary

/// The handlers a script's process installs, a choice of the language: `signal NAME` sends
/// SIGUSR1, whose handler has no `SA_RESTART` (the call returns `EINTR`); `signal NAME
/// restart` sends SIGUSR2, whose handler has it. The model is told at its start; the real
/// kernel's process installs the same handlers.
public enum SignalHandlers {
  /// The signals whose handler has `SA_RESTART`.
  public static let restarting: Set<Signal> = [.SIGUSR2]
}
