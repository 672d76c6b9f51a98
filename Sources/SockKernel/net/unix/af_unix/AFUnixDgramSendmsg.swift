import SyscallVocabulary

extension Kernel {
  /// `unix_dgram_sendmsg`: one skb per datagram, charged to the sender from allocation
  /// until the receiver reads it. Re-entered after a sleep in `sock_alloc_send_pskb`
  /// (``CallFrame/allocating``) or in `unix_wait_for_peer` (``CallFrame/waitingForPeer``),
  /// with the skb and the receiver kept in the frame; every way out drops what the cookie
  /// still holds (`scm_destroy`).
  func unixDgramSendmsg(
    _ sk: Sock, _ data: Payload, flags: MessageFlags, address: SockAddrUn?, control: [UInt8] = [],
    frame: inout CallFrame
  ) -> SyscallStep {
    let step = unixDgramSendmsgSteps(
      sk, data, flags: flags, address: address, control: control, frame: &frame)
    return scmDestroyed(step, &frame)
  }

  /// Not a kernel function: the body of `unix_dgram_sendmsg` up to its `scm_destroy`.
  private func unixDgramSendmsgSteps(
    _ sk: Sock, _ data: Payload, flags: MessageFlags, address: SockAddrUn?, control: [UInt8],
    frame: inout CallFrame
  ) -> SyscallStep {
    let noblock = flags.contains(.MSG_DONTWAIT)
    if !frame.started {
      frame.started = true
      switch scmSend(control) {
      case .success(let scm): frame.scm = scm
      case .failure(let error): return .done(error.outcome)
      }
      waitForUnixGc()
      if flags.contains(.MSG_OOB) {
        return .done(.failure(.EOPNOTSUPP, Reason("unix_dgram_sendmsg", "MSG_OOB on a datagram socket")))
      }
      if let address, let error = unixValidateAddr(address, caller: "unix_dgram_sendmsg") { return .done(error) }
      if unixMayPasscred(sk) && sk.address == nil {
        let bound = unixAutobind(sk)
        if bound.errno != nil { return .done(bound) }
      }
      // The size is checked before the destination: EMSGSIZE wins over ENOTCONN.
      if data.count > sk.sndbuf - 32 {
        return .done(
          .failure(.EMSGSIZE, Reason("unix_dgram_sendmsg", "len \(data.count) > sk_sndbuf \(sk.sndbuf) - 32")))
      }
    }
    if frame.skb == nil {
      switch sockAllocSendPskb(sk, noblock: noblock, frame: &frame) {
      case .sleep(let step): return step
      case .failed(let outcome): return .done(outcome)
      case .room: break
      }
      let skb = SkBuff(payload: data, truesize: Truesize.datagram(data.count), owner: nil)
      skbSetOwnerW(skb, sk)
      frame.skb = skb
      if let error = unixScmToSkb(&frame.scm, skb, sendFds: true) {
        return unixDgramSendmsgOutFree(error.outcome, frame: &frame)
      }
      // A fresh timeo for the receiver's queue: the wait for buffer room does not count.
      frame.timeo = sockSndtimeo(sk, nonBlocking: noblock)
      if let address {
        // lookup:
        switch unixFindOther(address, type: sk.type) {
        case .success(let found): frame.other = found
        case .failure(let error): return unixDgramSendmsgOutFree(error.outcome, frame: &frame)
        }
      } else {
        guard let peer = sk.peer else {
          return unixDgramSendmsgOutFree(
            .failure(.ENOTCONN, Reason("unix_dgram_sendmsg", "no destination and unix_peer(sk) is NULL")),
            frame: &frame)
        }
        frame.other = peer
      }
      if let other = frame.other { unixMaybeAddCreds(skb, sk, other) }
    } else if frame.waitingForPeer {
      // Back from unix_wait_for_peer.
      frame.waitingForPeer = false
      if signalPending() {
        return unixDgramSendmsgOutFree(sockIntrErrno(frame.timeo, "unix_dgram_sendmsg"), frame: &frame)
      }
    }
    return unixDgramSendmsgRestart(sk, address: address, frame: &frame)
  }

  /// Not a kernel function: the `restart:` label of `unix_dgram_sendmsg` and what follows it,
  /// under the receiver's lock: may we send, is the receiver alive and reading, is its queue
  /// full. Calling it again is the kernel's `goto restart_locked`.
  private func unixDgramSendmsgRestart(_ sk: Sock, address: SockAddrUn?, frame: inout CallFrame) -> SyscallStep {
    guard let skb = frame.skb, var other = frame.other else { preconditionFailure("allocated and resolved") }
    while true {
      if !unixMaySend(sk, other) {
        return unixDgramSendmsgOutFree(
          .failure(.EPERM, Reason("unix_may_send", "the receiver is connected to another socket")), frame: &frame)
      }
      guard other.isDead else { break }
      // Check with 1003.1g - what should datagram error.
      if sk.type == .seqpacket {
        return unixDgramSendmsgOutFree(
          .failure(.EPIPE, Reason("unix_dgram_sendmsg", "seqpacket peer is SOCK_DEAD")), frame: &frame)
      }
      if sk.peer === other {
        sk.peer = nil
        unixDgramPeerWakeDisconnectWakeup(sk, other)
        sk.state = .TCP_CLOSE
        unixDgramDisconnected(sk, other)
        return unixDgramSendmsgOutFree(
          .failure(.ECONNREFUSED, Reason("unix_dgram_sendmsg", "peer is SOCK_DEAD: disconnected, own queue purged")),
          frame: &frame)
      }
      guard let address else {
        return unixDgramSendmsgOutFree(
          .failure(.ECONNRESET, Reason("unix_dgram_sendmsg", "receiver died and is no longer our peer")),
          frame: &frame)
      }
      // goto lookup: the name may lead somewhere else now.
      switch unixFindOther(address, type: sk.type) {
      case .success(let found):
        other = found
        frame.other = found
        unixMaybeAddCreds(skb, sk, found)
      case .failure(let error):
        return unixDgramSendmsgOutFree(error.outcome, frame: &frame)
      }
    }
    if other.shutdown.contains(.RCV_SHUTDOWN) {
      return unixDgramSendmsgOutFree(
        .failure(.EPIPE, Reason("unix_dgram_sendmsg", "receiver has RCV_SHUTDOWN")), frame: &frame)
    }
    if skb.fp != nil, !other.scmRecvFlags.rights {
      return unixDgramSendmsgOutFree(
        .failure(.EPERM, Reason("unix_dgram_sendmsg", "SCM_RIGHTS to a receiver with SO_PASSRIGHTS off")),
        frame: &frame)
    }
    // Only a receiver that is neither ourselves nor connected back to us is limited.
    if other !== sk, other.peer !== sk, unixRecvqFull(other) {
      let check = "unix_recvq_full: qlen \(other.receiveQueueLength) > sk_max_ack_backlog \(other.maxAckBacklog)"
      if frame.timeo != 0 {
        frame.waitingForPeer = true
        return unixWaitForPeer(other, timeo: frame.timeo, reason: Reason("unix_dgram_sendmsg", check))
      }
      // Connected to that receiver: hook the poll relay, so that its dequeue wakes our
      // pollers. Should the queue have drained meanwhile (it cannot here: nothing runs in
      // between), the kernel goes back to restart_locked.
      if sk.peer !== other || unixDgramPeerWakeMe(sk, other) {
        return unixDgramSendmsgOutFree(
          .failure(.EAGAIN, Reason("unix_dgram_sendmsg", check + ", timeo 0")), frame: &frame)
      }
      return unixDgramSendmsgRestart(sk, address: address, frame: &frame)
    }
    frame.skb = nil
    frame.other = nil
    scmStatAdd(other, skb)
    other.receiveQueue.append(skb)
    sockDefReadable(other)
    return .done(.success(Int64(skb.length)))
  }

  /// Not a kernel function: the `out_free:` label of `unix_dgram_sendmsg`, where the unsent
  /// skb is freed, which releases its charge.
  private func unixDgramSendmsgOutFree(_ outcome: SyscallOutcome, frame: inout CallFrame) -> SyscallStep {
    frame.other = nil
    if let skb = frame.skb {
      frame.skb = nil
      consumeSkb(skb)
    }
    return .done(outcome)
  }
}
