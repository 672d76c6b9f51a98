extension Kernel {
  /// `__sys_accept4_file` + `do_accept`: flags are checked and the new descriptor is
  /// reserved before the protocol's accept runs (and possibly sleeps).
  func sysAccept(_ file: SocketFile, flags: Int32, frame: inout CallFrame) -> SyscallStep {
    if !frame.started {
      if flags & ~(SOCK_CLOEXEC | SOCK_NONBLOCK) != 0 {
        return .done(
          .failure(.EINVAL, Reason("__sys_accept4_file", "flags \(flags) beyond SOCK_CLOEXEC|SOCK_NONBLOCK")))
      }
      frame.reservedDescriptor = reserveDescriptor()
    }
    switch unixAccept(file, frame: &frame) {
    case .sleep(let step):
      return step
    case .failed(let error):
      releaseDescriptor(frame.reservedDescriptor!)
      return .done(error.outcome)
    case .accepted(let newsk):
      let fd = frame.reservedDescriptor!
      installFile(SocketFile(sock: newsk, nonBlocking: flags & SOCK_NONBLOCK != 0), at: fd)
      var outcome = SyscallOutcome.success(Int64(fd))
      outcome.inode = newsk.inode
      return .done(outcome)
    }
  }

  /// What `unix_accept` ends in.
  enum AcceptResult {
    case accepted(Sock)
    case failed(OutcomeError)
    case sleep(SyscallStep)
  }

  /// `unix_accept`. The listening file's `O_NONBLOCK` decides whether it waits.
  func unixAccept(_ file: SocketFile, frame: inout CallFrame) -> AcceptResult {
    let sk = file.sock
    if !frame.started {
      if sk.type != .stream && sk.type != .seqpacket {
        return .failed(OutcomeError(.EOPNOTSUPP, Reason("unix_accept", "\(sk.type) does not accept")))
      }
      if sk.state != .TCP_LISTEN {
        return .failed(OutcomeError(.EINVAL, Reason("unix_accept", "sk_state is \(sk.state), not TCP_LISTEN")))
      }
    }
    let received = skbRecvDatagram(sk, nonBlocking: file.nonBlocking, frame: &frame)
    switch received {
    case .sleep(let step):
      return .sleep(step)
    case .error(let error):
      return .failed(error)
    case .shutDown:
      // No error and no skb: "this means receive shutdown".
      return .failed(
        OutcomeError(.EINVAL, Reason("unix_accept", "listener has RCV_SHUTDOWN and no pending connection")))
    case .skb(let skb):
      // A connector waiting for room may now fit.
      wakeUpInterruptible(sk.peerWait)
      guard let tsk = skb.embryo else { preconditionFailure("a listener's queue holds connection requests") }
      skb.embryo = nil
      return .accepted(tsk)
    }
  }

  /// What `skb_recv_datagram` ends in.
  enum DatagramReceive {
    case skb(SkBuff)
    case error(OutcomeError)
    /// `__skb_wait_for_more_packets` saw `RCV_SHUTDOWN`: NULL with `err` 0.
    case shutDown
    case sleep(SyscallStep)
  }

  /// `skb_recv_datagram` → `__skb_recv_datagram`: try, and while time is left, wait
  /// exclusively on the socket's own queue (`__skb_wait_for_more_packets`) and try again.
  func skbRecvDatagram(_ sk: Sock, nonBlocking: Bool, peek: Bool = false, frame: inout CallFrame) -> DatagramReceive {
    if !frame.started {
      frame.timeo = sockRcvtimeo(sk, nonBlocking: nonBlocking)
      frame.started = true
    }
    // __skb_try_recv_datagram
    if let error = sockError(sk) { return .error(error) }
    if let skb = peek ? sk.receiveQueue.first : sk.receiveQueue.popFirst() { return .skb(skb) }
    if frame.timeo == 0 {
      let detail = "sk_receive_queue empty, timeo 0"
      return .error(OutcomeError(.EAGAIN, Reason("__skb_try_recv_datagram", detail)))
    }
    // __skb_wait_for_more_packets
    if let error = sockError(sk) { return .error(error) }
    if sk.shutdown.contains(.RCV_SHUTDOWN) { return .shutDown }
    // connection_based: only stream and seqpacket sockets can come disconnected.
    if sk.type != .dgram, sk.state != .TCP_ESTABLISHED && sk.state != .TCP_LISTEN {
      return .error(
        OutcomeError(.ENOTCONN, Reason("__skb_wait_for_more_packets", "connection-based socket in \(sk.state)")))
    }
    if signalPending() {
      let interrupted = sockIntrErrno(frame.timeo, "__skb_wait_for_more_packets")
      return .error(OutcomeError(.EINTR, interrupted.reason!, restartable: interrupted.restartable))
    }
    return .sleep(
      .sleep(
        on: sk.sleepQueue, exclusive: true, keyFilter: [.EPOLLIN, .EPOLLERR], timeout: frame.timeo,
        reason: Reason("__skb_wait_for_more_packets", "sk_receive_queue empty")))
  }

  /// `sock_error`: takes the pending `sk_err`.
  func sockError(_ sk: Sock) -> OutcomeError? {
    guard let err = sk.pendingError else { return nil }
    sk.pendingError = nil
    return OutcomeError(err, Reason("sock_error", "pending sk_err \(err)"))
  }
}
