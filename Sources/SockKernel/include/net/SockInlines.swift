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

  /// `sock_poll_wait`: a poller waits on the socket's own wait queue. Without a table
  /// (`poll_does_not_wait`) nobody will, and the queue is not made for it.
  func sockPollWait(_ file: SocketFile, _ wait: PollTable?) {
    guard let wait else { return }
    pollWait(file, file.sock.sleepQueue, wait)
  }
}

/// `include/net/sock.h`'s peek offset and receive low-water mark.
extension Kernel {
  /// `sk_peek_offset`: where a MSG_PEEK starts (-1: off); a read without it starts at 0.
  func skPeekOffset(_ sk: Sock, _ flags: MessageFlags) -> Int {
    flags.contains(.MSG_PEEK) ? Int(sk.peekOff) : 0
  }

  /// `sk_peek_offset_bwd`: bytes taken move an active offset back, never below 0.
  func skPeekOffsetBwd(_ sk: Sock, _ value: Int) {
    guard sk.peekOff >= 0 else { return }
    sk.peekOff = Int32(clamping: max(Int(sk.peekOff) - value, 0))
  }

  /// `sk_peek_offset_fwd`: bytes peeked move an active offset on.
  func skPeekOffsetFwd(_ sk: Sock, _ value: Int) { skPeekOffsetBwd(sk, -value) }

  /// `sock_rcvlowat`: the bytes a stream read waits for: all of them with MSG_WAITALL, else
  /// SO_RCVLOWAT's, at most the buffer; never 0.
  func sockRcvlowat(_ sk: Sock, waitall: Bool, _ length: Int) -> Int {
    let target = waitall ? length : min(Int(sk.rcvlowat), length)
    return target == 0 ? 1 : target
  }
}
