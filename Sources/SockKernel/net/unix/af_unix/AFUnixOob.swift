import SyscallVocabulary

/// Out-of-band data on stream sockets (`CONFIG_AF_UNIX_OOB`, since 5.15): `send … MSG_OOB`
/// queues the message's last byte as an skb of its own and points `u->oob_skb` at it; a
/// second one takes its place. The byte stays in the queue: `recv … MSG_OOB` takes it out
/// of line (and leaves its emptied skb), an ordinary read stops before it (the mark) and
/// then skips it, unless SO_OOBINLINE has it read in line.
extension Kernel {
  /// `queue_oob`: a 1-byte skb charged to the sender (`sock_alloc_send_skb`, which may
  /// sleep), carrying the message's files when no data skb took them, queued on the peer as
  /// its `oob_skb`; the owner of the peer's file gets SIGURG (`sk_send_sigurg`) before the
  /// readers are woken.
  func queueOob(
    _ sk: Sock, _ byte: Payload, _ other: Sock, fdsSent: Bool, noblock: Bool, frame: inout CallFrame
  ) -> QueueOob {
    switch sockAllocSendPskb(sk, noblock: noblock, frame: &frame) {
    case .sleep(let step): return .sleep(step)
    case .failed(let error): return .failed(error)
    case .room: break
    }
    let skb = SkBuff(payload: byte, truesize: Truesize.streamChunk(1), owner: nil)
    skbSetOwnerW(skb, sk)
    if let error = unixScmToSkb(&frame.scm, skb, sendFds: !fdsSent) {
      consumeSkb(skb)
      return .failed(error.outcome)
    }
    unixMaybeAddCreds(skb, sk, other)
    if other.isDead || other.shutdown.contains(.RCV_SHUTDOWN) {
      consumeSkb(skb)
      return .failed(.failure(.EPIPE, Reason("queue_oob", "peer is SOCK_DEAD or has RCV_SHUTDOWN")))
    }
    if skb.fp != nil, !other.scmRecvFlags.rights {
      consumeSkb(skb)
      return .failed(.failure(.EPERM, Reason("queue_oob", "SCM_RIGHTS to a receiver with SO_PASSRIGHTS off")))
    }
    scmStatAdd(other, skb)
    other.oobSkb = skb
    other.inqLen += 1
    other.receiveQueue.append(skb)
    skSendSigurg(other)
    sockDefReadable(other)
    return .queued
  }

  /// What `queue_oob` did.
  enum QueueOob {
    case queued
    case sleep(SyscallStep)
    case failed(SyscallOutcome)
  }

  /// `unix_stream_recv_urg`: `recv … MSG_OOB` takes the out-of-band byte, whatever the
  /// buffer's size (a size of 0 still returns 1), and says MSG_OOB in `msg_flags`; EINVAL
  /// when there is none or SO_OOBINLINE is on. Taking it (not peeking) leaves its skb empty
  /// in the queue, and unlinks the skb before it if that one is already read.
  func unixStreamRecvUrg(_ sk: Sock, length: Int, flags: MessageFlags, frame: inout CallFrame) -> SyscallOutcome {
    let peek = flags.contains(.MSG_PEEK)
    guard !sk.urgInline, let oobSkb = sk.oobSkb else {
      return .failure(
        .EINVAL,
        Reason("unix_stream_recv_urg", sk.urgInline ? "SOCK_URGINLINE is set" : "no out-of-band byte (oob_skb NULL)"))
    }
    var readSkb: SkBuff?
    if !peek {
      sk.oobSkb = nil
      sk.inqLen -= 1
      // The oob skb is the last one sent out of band: it is found from the tail.
      if let index = sk.receiveQueue.lastIndex(where: { $0 === oobSkb }), index > 0,
        sk.receiveQueue[index - 1].unread == 0
      {
        readSkb = sk.receiveQueue[index - 1]
        unlinkSkb(sk, at: index - 1)
      }
    }
    // recv_actor copies the byte into what room the buffer has.
    var outcome = SyscallOutcome.success(1)
    outcome.data = oobSkb.payload.slice(oobSkb.consumed..<(oobSkb.consumed + min(1, length)))
    if !peek { oobSkb.consumed += 1 }
    if let readSkb { consumeSkb(readSkb) }
    frame.msg.flags.insert(.MSG_OOB)
    return outcome
  }

  /// `manage_oob`: what the read loop reads at `index`. An skb already read (emptied by
  /// `recv … MSG_OOB`) ends a read that has copied something, else is passed (a peek) or
  /// unlinked; the out-of-band skb ends a read that has copied something (the mark), else
  /// is read in line with SO_OOBINLINE, or passed (a peek) or dropped unread, so that a
  /// reader never sees it in line. Nil: nothing to read here.
  func manageOob(_ sk: Sock, _ index: Int, flags: MessageFlags, copied: Int) -> Int? {
    var index = index
    var skb = sk.receiveQueue[index]
    if skb.unread > 0 && skb !== sk.oobSkb { return index }
    let peek = flags.contains(.MSG_PEEK)
    var readSkb: SkBuff?
    var unreadSkb: SkBuff?
    defer {
      if let readSkb { consumeSkb(readSkb) }
      // kfree_skb_reason(SKB_DROP_REASON_UNIX_SKIP_OOB): the skipped byte stays in inq_len.
      if let unreadSkb { consumeSkb(unreadSkb) }
    }
    if skb.unread == 0 {
      if copied > 0 && (sk.oobSkb == nil || skb === sk.oobSkb) {
        return nil
      } else if peek {
        index += 1
      } else {
        readSkb = skb
        unlinkSkb(sk, at: index)
      }
      guard index < sk.receiveQueue.count else { return nil }
      skb = sk.receiveQueue[index]
    }
    if skb !== sk.oobSkb { return index }
    if copied > 0 { return nil }
    if !peek {
      sk.oobSkb = nil
      guard !sk.urgInline else { return index }
      unlinkSkb(sk, at: index)
      unreadSkb = skb
      return sk.receiveQueue.isEmpty ? nil : 0
    }
    // A peek passes the out-of-band skb unless it is read in line.
    if sk.urgInline { return index }
    return index + 1 < sk.receiveQueue.count ? index + 1 : nil
  }
}
