/// Why a backend's `run(until:)` stopped: the model's or the real kernel's.
public enum RunStop: Equatable, Sendable {
  /// The condition holds.
  case satisfied
  /// Nothing can run and no timer is pending: whoever sleeps now sleeps forever.
  case stalled
  /// The next timer is due at this instant, after the backend's time limit: the clock stays
  /// where it is and the timer stays armed.
  case timeLimit(Nanoseconds)
  /// ``halt`` was asked for during the run: what was runnable stays queued.
  case halted
}
