import SyscallVocabulary

/// The `static inline` helpers of `include/net/sock.h` the model uses.
extension Kernel {
  /// `sock_error`: takes the pending `sk_err`.
  func sockError(_ sk: Sock) -> OutcomeError? {
    guard let err = sk.pendingError else { return nil }
    sk.pendingError = nil
    return OutcomeError(err, Reason("sock_error", "pending sk_err \(err)"))
  }

  /// `sock_sndtimeo`: a non-blocking call never waits.
  func sockSndtimeo(_ sk: Sock, nonBlocking: Bool) -> Jiffies { nonBlocking ? 0 : sk.sndtimeo }

  /// `sock_rcvtimeo`.
  func sockRcvtimeo(_ sk: Sock, nonBlocking: Bool) -> Jiffies { nonBlocking ? 0 : sk.rcvtimeo }

  /// `sock_intr_errno`: `-ERESTARTSYS` when the wait had no timeout (restartable, since
  /// nothing would be lost), `-EINTR` when it had one.
  func sockIntrErrno(_ timeo: Jiffies, _ function: String) -> SyscallOutcome {
    var outcome = SyscallOutcome.failure(.EINTR, Reason(function, "signal_pending, timeo \(timeo)"))
    outcome.restartable = timeo == MAX_SCHEDULE_TIMEOUT
    if outcome.restartable {
      outcome.reason = Reason(function, "signal_pending with timeo MAX_SCHEDULE_TIMEOUT: -ERESTARTSYS")
    }
    return outcome
  }

  /// `sock_poll_wait`: a poller waits on the socket's own wait queue.
  func sockPollWait(_ file: SocketFile, _ wait: PollTable?) {
    pollWait(file, file.sock.sleepQueue, wait)
  }
}
