import SyscallVocabulary

/// `sendmmsg` and `recvmmsg` (`net/socket.c`): one `___sys_sendmsg` or `___sys_recvmsg` per
/// message, in order, each with a frame of its own; the messages done so far wait in
/// ``CallFrame/batch`` while one of them sleeps.
extension Kernel {
  /// `__sys_sendmmsg`: at most UIO_MAXIOV messages; stops at the first error or at a
  /// message sent in part, and returns the messages sent, or the error if there are none.
  func sysSendmmsg(
    _ file: SocketFile, _ messages: [SendMessage], flags: MessageFlags, frame: inout CallFrame
  ) -> SyscallStep {
    var batch = frame.batch ?? BatchState()
    let vlen = min(messages.count, Self.uioMaxiov)
    var failure: SyscallOutcome?
    while batch.entries.count < vlen {
      var message = messages[batch.entries.count]
      message.flags = flags
      let step = sysSendmsg(file, message, frame: &frame)
      guard case .done(let outcome) = step else {
        frame.batch = batch
        return step
      }
      // A SIGPIPE a send raised is raised whatever the call returns.
      if let signal = outcome.raised { batch.raised = signal }
      guard outcome.errno == nil else {
        failure = outcome
        break
      }
      batch.entries.append(BatchEntry(length: Int(outcome.value)))
      // A new frame for the next message's ___sys_sendmsg.
      frame = CallFrame()
      if Int(outcome.value) < message.data.count { break }
    }
    return .done(batchOutcome(batch, failure))
  }

  /// `do_recvmmsg`: a pending `sk_err` first (consumed, as `sock_error` does); then at most
  /// UIO_MAXIOV messages; after the first, MSG_WAITFORONE adds
  /// MSG_DONTWAIT; the timeout is looked at only between messages (a receive that sleeps
  /// sleeps with its socket's own timeout). An error after some messages is left in
  /// `sk_err` for the next call, unless it is EAGAIN.
  func sysRecvmmsg(
    _ file: SocketFile, _ requests: [ReceiveRequest], flags: MessageFlags, timeout: Nanoseconds?,
    frame: inout CallFrame
  ) -> SyscallStep {
    var batch = frame.batch ?? BatchState()
    // A pending error is the call's answer before any message is looked at.
    if frame.batch == nil, let error = sockError(file.sock) { return .done(error.outcome) }
    if frame.batch == nil, let timeout {
      // poll_select_set_timeout
      guard timeout >= 0 else {
        return .done(.failure(.EINVAL, Reason("poll_select_set_timeout", "a negative timeout")))
      }
      batch.endTime = clock.now + timeout
    }
    let vlen = min(requests.count, Self.uioMaxiov)
    var failure: SyscallOutcome?
    while batch.entries.count < vlen {
      var request = requests[batch.entries.count]
      request.flags = batch.flags(flags)
      let step = sysRecvmsg(file, request, frame: &frame)
      guard case .done(let outcome) = step else {
        frame.batch = batch
        return step
      }
      guard outcome.errno == nil else {
        failure = outcome
        break
      }
      batch.entries.append(
        BatchEntry(length: Int(outcome.value), data: outcome.data, sender: outcome.sender, message: outcome.message))
      frame = CallFrame()
      // MSG_WAITFORONE turns on MSG_DONTWAIT after one packet.
      if flags.contains(.MSG_WAITFORONE) { batch.dontWait = true }
      if let end = batch.endTime, clock.now >= end { break }
    }
    if let failure, !batch.entries.isEmpty, failure.errno != .EAGAIN, let errno = failure.errno {
      // The error will be reported on the next call.
      file.sock.pendingError = errno
    }
    return .done(batchOutcome(batch, failure))
  }

  /// `UIO_MAXIOV`: the most messages one call handles.
  static let uioMaxiov = 1024

  /// The messages done, or the error when there are none.
  private func batchOutcome(_ batch: BatchState, _ failure: SyscallOutcome?) -> SyscallOutcome {
    var outcome: SyscallOutcome
    if batch.entries.isEmpty, let failure {
      outcome = failure
    } else {
      outcome = .success(Int64(batch.entries.count))
      outcome.batch = batch.entries
    }
    if let signal = batch.raised { outcome.raised = signal }
    return outcome
  }
}

/// What a `sendmmsg` or `recvmmsg` has done so far, kept while one of its messages sleeps.
struct BatchState {
  var entries: [BatchEntry] = []
  /// A SIGPIPE one of the sends raised.
  var raised: Signal?
  /// `recvmmsg`'s `end_time`.
  var endTime: Nanoseconds?
  /// MSG_WAITFORONE has turned MSG_DONTWAIT on.
  var dontWait = false

  /// The flags of the next `___sys_recvmsg`: without MSG_WAITFORONE, with MSG_DONTWAIT once
  /// it has taken effect.
  func flags(_ flags: MessageFlags) -> MessageFlags {
    var next = flags.subtracting(.MSG_WAITFORONE)
    if dontWait { next.insert(.MSG_DONTWAIT) }
    return next
  }
}
