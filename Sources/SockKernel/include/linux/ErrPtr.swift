import SyscallVocabulary

/// An errno with its reason, for kernel helpers that return `ERR_PTR`.
struct OutcomeError: Error {
  let errno: Errno
  let reason: Reason
  /// `-ERESTARTSYS` (see ``SyscallOutcome/restartable``).
  var restartable = false
  init(_ errno: Errno, _ reason: Reason, restartable: Bool = false) {
    self.errno = errno
    self.reason = reason
    self.restartable = restartable
  }
  var outcome: SyscallOutcome {
    var outcome = SyscallOutcome.failure(errno, reason)
    outcome.restartable = restartable
    return outcome
  }
}
