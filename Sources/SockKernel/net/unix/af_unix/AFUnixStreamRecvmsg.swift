import SyscallVocabulary

extension Kernel {
  /// `unix_stream_recvmsg` → `unix_stream_read_generic`: copies from the head of the
  /// queue across skbs until `length` bytes or, once `target` is reached, the queue is
  /// empty; freeing each exhausted skb releases its sender's charge.
  func unixStreamRecvmsg(_ sk: Sock, length: Int, flags: MessageFlags, frame: inout CallFrame) -> SyscallStep {
    if !frame.started {
      frame.started = true
      if sk.state != .TCP_ESTABLISHED {
        return .done(.failure(.EINVAL, Reason("unix_stream_read_generic", "sk_state is \(sk.state)")))
      }
      if flags.contains(.MSG_OOB) { return .notModelled("MSG_OOB (out-of-band data)") }
      frame.timeo = sockRcvtimeo(sk, nonBlocking: flags.contains(.MSG_DONTWAIT))
    } else if frame.waitingForData {
      if unixStreamDataWaitSleepsOn(sk, frame: frame) { return unixStreamDataWait(sk, frame: &frame) }
      frame.waitingForData = false
      if signalPending() {
        return .done(
          frame.copiedCount > 0 ? received(sk, &frame) : sockIntrErrno(frame.timeo, "unix_stream_read_generic"))
      }
    }
    // sock_rcvlowat: SO_RCVLOWAT is 1 (not settable from a script), and never 0.
    let target = max(1, flags.contains(.MSG_WAITALL) ? length : min(1, length))
    var size = length - frame.copiedCount
    repeat {
      // redo:
      guard let first = sk.receiveQueue.first else {
        if frame.copiedCount >= target { break }
        // POSIX 1003.1g mandates this order.
        if let error = sockError(sk) { return .done(frame.copiedCount > 0 ? received(sk, &frame) : error.outcome) }
        if sk.shutdown.contains(.RCV_SHUTDOWN) { break }
        if frame.timeo == 0 {
          if frame.copiedCount > 0 { break }
          return .done(.failure(.EAGAIN, Reason("unix_stream_read_generic", "sk_receive_queue empty, timeo 0")))
        }
        frame.lastSkb = nil
        frame.lastLength = 0
        return unixStreamDataWait(sk, frame: &frame)
      }
      // "Copy address just once": the sender of the first skb read (recvfrom's address).
      if frame.copied.isEmpty { frame.sender = first.sender }
      if flags.contains(.MSG_PEEK) {
        // Peeking walks the queue without consuming and never waits once it has data; it
        // stops after an skb with files, whose copies it takes (unix_peek_fds).
        for skb in sk.receiveQueue where size > 0 {
          if !unixStreamReadTakesCreds(sk, skb, frame: &frame) { break }
          let chunk = min(skb.unread, size)
          frame.copied.append(skb.payload.slice(skb.consumed..<(skb.consumed + chunk)))
          frame.copiedCount += chunk
          size -= chunk
          if skb.fp != nil {
            unixPeekFds(&frame.scm, skb)
            break
          }
        }
        break
      }
      // Never glue messages from different writers.
      if !unixStreamReadTakesCreds(sk, first, frame: &frame) { break }
      let chunk = min(first.unread, size)
      frame.copied.append(first.payload.slice(first.consumed..<(first.consumed + chunk)))
      frame.copiedCount += chunk
      size -= chunk
      first.consumed += chunk
      // The files go with the skb's first chunk, and the read ends with that skb.
      if first.fp != nil {
        scmStatDel(sk, first)
        unixDetachFds(&frame.scm, first)
      }
      if first.unread > 0 { break }
      sk.receiveQueue.removeFirst()
      consumeSkb(first)
      if frame.scm.fp != nil { break }
    } while size > 0
    return .done(received(sk, &frame))
  }

  /// Not a kernel function: the credentials check of `unix_stream_read_generic`'s loop. A
  /// reader that asks for credentials (`unix_may_passcred`) takes them from the first skb
  /// it reads; a later skb with others ends the read before it (false).
  private func unixStreamReadTakesCreds(_ sk: Sock, _ skb: SkBuff, frame: inout CallFrame) -> Bool {
    if frame.checkCreds { return unixSkbScmEq(skb, frame.scm) }
    if unixMayPasscred(sk) {
      unixSkbToScm(skb, &frame.scm)
      frame.checkCreds = true
    }
    return true
  }

  /// `unix_stream_data_wait`: sleeps non-exclusively on the reader's own queue.
  private func unixStreamDataWait(_ sk: Sock, frame: inout CallFrame) -> SyscallStep {
    frame.waitingForData = true
    return .sleep(
      on: sk.sleepQueue, exclusive: false, keyFilter: nil, timeout: frame.timeo,
      reason: Reason("unix_stream_data_wait", "sk_receive_queue empty"))
  }

  /// `unix_stream_data_wait`'s own loop after a wake-up: it sleeps again unless the tail
  /// of the queue changed, an error or a shutdown arrived, a signal is pending or time ran out.
  private func unixStreamDataWaitSleepsOn(_ sk: Sock, frame: CallFrame) -> Bool {
    let tail = sk.receiveQueue.last
    let changed = tail !== frame.lastSkb || (tail.map { $0.length != frame.lastLength } ?? false)
    return !changed && sk.pendingError == nil && !sk.shutdown.contains(.RCV_SHUTDOWN) && !signalPending()
      && frame.timeo != 0
  }

  /// A successful `recv`: the bytes copied, and what `scm_recv_unix` delivers.
  func received(_ sk: Sock, _ frame: inout CallFrame) -> SyscallOutcome {
    scmRecvUnix(sk, &frame.msg, &frame.scm)
    var outcome = SyscallOutcome.success(Int64(frame.copiedCount))
    outcome.data = Payload.joined(frame.copied)
    outcome.sender = frame.sender
    return outcome
  }
}
