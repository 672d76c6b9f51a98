import SyscallVocabulary

extension Kernel {
  /// `unix_stream_sendmsg`: the data goes in chunks of at most `sk_sndbuf / 2 - 64` and
  /// 36544 bytes, each an skb charged to the sender and queued on the peer; an SCM_RIGHTS
  /// message's files go with the first. Re-entered after every sleep in
  /// `sock_alloc_send_pskb` with ``CallFrame/sent`` bytes queued; every way out drops what
  /// the cookie still holds (`scm_destroy`: a send of 0 bytes sends no files).
  func unixStreamSendmsg(
    _ sk: Sock, _ data: Payload, flags: MessageFlags, address: SockAddrUn?, control: [UInt8] = [],
    frame: inout CallFrame
  ) -> SyscallStep {
    let step = unixStreamSendmsgSteps(
      sk, data, flags: flags, address: address, control: control, frame: &frame)
    return scmDestroyed(step, &frame)
  }

  /// Not a kernel function: the body of `unix_stream_sendmsg` up to its `scm_destroy`.
  private func unixStreamSendmsgSteps(
    _ sk: Sock, _ data: Payload, flags: MessageFlags, address: SockAddrUn?, control: [UInt8],
    frame: inout CallFrame
  ) -> SyscallStep {
    if !frame.started {
      frame.started = true
      switch scmSend(control) {
      case .success(let scm): frame.scm = scm
      case .failure(let error): return .done(error.outcome)
      }
      waitForUnixGc()
      // MSG_OOB sends the last byte out of band (queue_oob), the rest as usual.
      if flags.contains(.MSG_OOB), data.count == 0 {
        return .done(.failure(.EOPNOTSUPP, Reason("unix_stream_sendmsg", "MSG_OOB with nothing to send")))
      }
      if address != nil {
        return sk.state == .TCP_ESTABLISHED
          ? .done(.failure(.EISCONN, Reason("unix_stream_sendmsg", "a destination on a connected socket")))
          : .done(.failure(.EOPNOTSUPP, Reason("unix_stream_sendmsg", "a destination on a stream socket")))
      }
      guard sk.peer != nil else {
        return .done(.failure(.ENOTCONN, Reason("unix_stream_sendmsg", "unix_peer(sk) is NULL")))
      }
      if sk.shutdown.contains(.SEND_SHUTDOWN) {
        return .done(unixStreamSendmsgOutPipe(sk, sent: 0, flags: flags, "own sk_shutdown has SEND_SHUTDOWN"))
      }
    }
    let oob = flags.contains(.MSG_OOB)
    let len = oob ? data.count - 1 : data.count
    while frame.sent < len {
      let size =
        frame.chunkSize ?? min(len - frame.sent, (sk.sndbuf >> 1) - 64, Truesize.maxHead + Truesize.fragsSize)
      frame.chunkSize = size
      switch sockAllocSendPskb(sk, noblock: flags.contains(.MSG_DONTWAIT), frame: &frame) {
      case .sleep(let step):
        return step
      case .failed(let error):
        return .done(frame.sent > 0 ? .success(Int64(frame.sent)) : error)
      case .room:
        break
      }
      let skb = SkBuff(
        payload: data.slice(frame.sent..<(frame.sent + size)), truesize: Truesize.streamChunk(size), owner: nil)
      skbSetOwnerW(skb, sk)
      // Only send the fds in the first buffer.
      if let error = unixScmToSkb(&frame.scm, skb, sendFds: frame.sent == 0) {
        consumeSkb(skb)
        return .done(frame.sent > 0 ? .success(Int64(frame.sent)) : error.outcome)
      }
      if let other = sk.peer { unixMaybeAddCreds(skb, sk, other) }
      guard let other = sk.peer, !other.isDead, !other.shutdown.contains(.RCV_SHUTDOWN) else {
        consumeSkb(skb)
        return .done(
          unixStreamSendmsgOutPipe(sk, sent: frame.sent, flags: flags, "peer is SOCK_DEAD or has RCV_SHUTDOWN"))
      }
      if skb.fp != nil, !other.scmRecvFlags.rights {
        consumeSkb(skb)
        return .done(
          frame.sent > 0
            ? .success(Int64(frame.sent))
            : .failure(.EPERM, Reason("unix_stream_sendmsg", "SCM_RIGHTS to a receiver with SO_PASSRIGHTS off")))
      }
      scmStatAdd(other, skb)
      other.inqLen += skb.length
      other.receiveQueue.append(skb)
      sockDefReadable(other)
      frame.sent += size
      frame.chunkSize = nil
    }
    if oob, frame.sent < data.count, let other = sk.peer {
      let byte = data.slice(len..<data.count)
      switch queueOob(sk, byte, other, fdsSent: len > 0, noblock: flags.contains(.MSG_DONTWAIT), frame: &frame) {
      case .sleep(let step): return step
      case .failed(let error): return .done(frame.sent > 0 ? .success(Int64(frame.sent)) : error)
      case .queued: frame.sent += 1
      }
    }
    return .done(.success(Int64(frame.sent)))
  }

  /// Not a kernel function: the `out_pipe:` label of `unix_stream_sendmsg`: `EPIPE`, with
  /// `SIGPIPE` to the caller if nothing was sent and the caller did not say `MSG_NOSIGNAL`;
  /// the bytes already sent win over the error.
  private func unixStreamSendmsgOutPipe(_ sk: Sock, sent: Int, flags: MessageFlags, _ why: String) -> SyscallOutcome {
    if sent > 0 { return .success(Int64(sent)) }
    var outcome = SyscallOutcome.failure(.EPIPE, Reason("unix_stream_sendmsg", why))
    if !flags.contains(.MSG_NOSIGNAL) { outcome.raised = .SIGPIPE }
    return outcome
  }
}
