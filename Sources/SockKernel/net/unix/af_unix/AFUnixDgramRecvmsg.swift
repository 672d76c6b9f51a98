import SyscallVocabulary

extension Kernel {
  /// `unix_dgram_recvmsg` → `__unix_dgram_recvmsg`: one datagram per call, whatever the
  /// buffer's size. Re-entered after every sleep in `__skb_wait_for_more_packets`.
  func unixDgramRecvmsg(_ sk: Sock, length: Int, flags: MessageFlags, frame: inout CallFrame) -> SyscallStep {
    if !frame.started, flags.contains(.MSG_OOB) {
      return .done(.failure(.EOPNOTSUPP, Reason("__unix_dgram_recvmsg", "MSG_OOB on a datagram socket")))
    }
    let peek = flags.contains(.MSG_PEEK)
    let skb: SkBuff
    var skip = skPeekOffset(sk, flags)
    switch skbRecvDatagram(sk, nonBlocking: flags.contains(.MSG_DONTWAIT), peek: peek, off: &skip, frame: &frame) {
    case .sleep(let step):
      return step
    case .shutDown:
      // No error and no skb: end of file.
      return .done(endOfFile(Reason("__skb_wait_for_more_packets", "RCV_SHUTDOWN with an empty queue: EOF")))
    case .error(let error):
      // Signal EOF on disconnected non-blocking SEQPACKET socket.
      if sk.type == .seqpacket, error.errno == .EAGAIN, sk.shutdown.contains(.RCV_SHUTDOWN) {
        return .done(endOfFile(Reason("__unix_dgram_recvmsg", "non-blocking seqpacket with RCV_SHUTDOWN: EOF")))
      }
      return .done(error.outcome)
    case .skb(let found):
      skb = found
      if !peek { scmStatDel(sk, skb) }
    }
    // A sender waiting in unix_wait_for_peer for room in our queue may now fit (woken even
    // by a peek, which makes no room: it sleeps again).
    wakeUp(sk.peerWaitIfMade, nrExclusive: 1, key: [.EPOLLOUT, .EPOLLWRNORM, .EPOLLWRBAND])
    // The rest of a datagram longer than the buffer is lost (MSG_TRUNC in msg_flags); a peek
    // at an offset starts `skip` bytes in.
    let size = min(length, skb.length - skip)
    if size < skb.length - skip { frame.msg.flags.insert(.MSG_TRUNC) }
    var outcome = SyscallOutcome.success(Int64(flags.contains(.MSG_TRUNC) ? skb.length - skip : size))
    outcome.data = Payload.joined([skb.payload.slice(skip..<(skip + size))])
    outcome.sender = skb.sender
    unixSkbToScm(skb, &frame.scm)
    // A taken datagram's files move to the receiver; a peek takes copies.
    if !peek {
      if skb.fp != nil { unixDetachFds(&frame.scm, skb) }
      skPeekOffsetBwd(sk, skb.length)
    } else {
      skPeekOffsetFwd(sk, size)
      unixPeekFds(&frame.scm, skb)
    }
    scmRecvUnix(sk, &frame.msg, &frame.scm)
    // skb_free_datagram: a peeked skb stays queued; a taken one is freed, which releases
    // its sender's charge.
    if !peek { consumeSkb(skb) }
    return .done(outcome)
  }

  /// A `recv` that returns 0 with no datagram: nothing was copied.
  private func endOfFile(_ reason: Reason) -> SyscallOutcome {
    var outcome = SyscallOutcome.success(0)
    outcome.data = .zeros(0)
    outcome.reason = reason
    return outcome
  }
}
