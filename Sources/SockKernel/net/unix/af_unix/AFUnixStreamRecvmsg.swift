import SyscallVocabulary

extension Kernel {
  /// `unix_stream_recvmsg` → `unix_stream_read_generic`: copies from the head of the
  /// queue across skbs until `length` bytes or, once `target` is reached, the queue is
  /// empty; freeing each exhausted skb releases its sender's charge. `manage_oob` stops the
  /// read at the out-of-band byte, or skips it. A peek walks the queue without unlinking,
  /// so the skb being read is named by its place in the queue.
  func unixStreamRecvmsg(_ sk: Sock, length: Int, flags: MessageFlags, frame: inout CallFrame) -> SyscallStep {
    if !frame.started {
      frame.started = true
      if sk.state != .TCP_ESTABLISHED {
        return .done(.failure(.EINVAL, Reason("unix_stream_read_generic", "sk_state is \(sk.state)")))
      }
      if flags.contains(.MSG_OOB) { return .done(unixStreamRecvUrg(sk, length: length, flags: flags, frame: &frame)) }
      frame.timeo = sockRcvtimeo(sk, nonBlocking: flags.contains(.MSG_DONTWAIT))
    } else if frame.waitingForData {
      if unixStreamDataWaitSleepsOn(sk, frame: frame) { return unixStreamDataWait(sk, frame: &frame) }
      frame.waitingForData = false
      if signalPending() {
        return .done(
          frame.copiedCount > 0 ? received(sk, &frame) : sockIntrErrno(frame.timeo, "unix_stream_read_generic"))
      }
    }
    let target = sockRcvlowat(sk, waitall: flags.contains(.MSG_WAITALL), length)
    let peek = flags.contains(.MSG_PEEK)
    var size = length - frame.copiedCount
    redo: while true {
      var skip = max(skPeekOffset(sk, flags), 0)
      repeat {
        var position: Int? = sk.receiveQueue.isEmpty ? nil : 0
        var last = sk.receiveQueue.first
        var lastLength = last?.length ?? 0
        again: while true {
          if let skb = position {
            position = manageOob(sk, skb, flags: flags, copied: frame.copiedCount)
            if position == nil, frame.copiedCount > 0 { break redo }
          }
          guard var index = position else {
            if frame.copiedCount >= target { break redo }
            // POSIX 1003.1g mandates this order.
            if let error = sockError(sk) { return .done(frame.copiedCount > 0 ? received(sk, &frame) : error.outcome) }
            if sk.shutdown.contains(.RCV_SHUTDOWN) { break redo }
            if frame.timeo == 0 {
              if frame.copiedCount > 0 { break redo }
              let why =
                sk.receiveQueue.isEmpty ? "sk_receive_queue empty" : "nothing to read before the out-of-band byte"
              return .done(.failure(.EAGAIN, Reason("unix_stream_read_generic", why + ", timeo 0")))
            }
            frame.lastSkb = last
            frame.lastLength = lastLength
            // unix_stream_data_wait checks before it sleeps: a queue changed since `last`
            // (an skb manage_oob dropped) sends the read back to redo at once.
            if unixStreamDataWaitSleepsOn(sk, frame: frame) { return unixStreamDataWait(sk, frame: &frame) }
            continue redo
          }
          // Skip what is already read, and a peek's offset (SO_PEEK_OFF).
          while skip >= sk.receiveQueue[index].unread {
            skip -= sk.receiveQueue[index].unread
            last = sk.receiveQueue[index]
            lastLength = last!.length
            index += 1
            if index == sk.receiveQueue.count {
              position = nil
              continue again
            }
          }
          let skb = sk.receiveQueue[index]
          // Never glue messages from different writers.
          if !unixStreamReadTakesCreds(sk, skb, frame: &frame) { break redo }
          // "Copy address just once": the sender of the first skb read (recvfrom's address).
          if frame.copied.isEmpty { frame.sender = skb.sender }
          let chunk = min(skb.unread - skip, size)
          frame.copied.append(skb.payload.slice((skb.consumed + skip)..<(skb.consumed + skip + chunk)))
          frame.copiedCount += chunk
          size -= chunk
          if peek {
            // It is questionable, see note in unix_dgram_recvmsg: a peek takes copies of the
            // files, and stops after an skb with files.
            if skb.fp != nil { unixPeekFds(&frame.scm, skb) }
            skPeekOffsetFwd(sk, chunk)
            if skb.fp != nil { break redo }
            skip = 0
            last = skb
            lastLength = skb.length
            guard index + 1 < sk.receiveQueue.count else { break redo }
            position = index + 1
            continue again
          }
          // Mark read part of skb as used.
          skb.consumed += chunk
          sk.inqLen -= chunk
          skPeekOffsetBwd(sk, chunk)
          // The files go with the skb's first chunk, and the read ends with that skb.
          if skb.fp != nil {
            scmStatDel(sk, skb)
            unixDetachFds(&frame.scm, skb)
          }
          if skb.unread > 0 { break redo }
          unlinkSkb(sk, at: index)
          consumeSkb(skb)
          if frame.scm.fp != nil { break redo }
          break again
        }
      } while size > 0
      break redo
    }
    return .done(received(sk, &frame))
  }

  /// `__skb_unlink` of the skb at `index` of the receive queue (nearly always its head).
  func unlinkSkb(_ sk: Sock, at index: Int) {
    if index == 0 { sk.receiveQueue.removeFirst() } else { sk.receiveQueue.remove(at: index) }
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
    // SO_INQ: the bytes left, after the credentials and files.
    if sk.recvmsgInq, putCmsg(&frame.msg, length: 4) { frame.msg.inq = Int32(clamping: sk.inqLen) }
    var outcome = SyscallOutcome.success(Int64(frame.copiedCount))
    outcome.data = frame.copied.joined
    if let sender = frame.sender { outcome.sender = sender }
    return outcome
  }
}
