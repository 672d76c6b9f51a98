import SyscallVocabulary

extension Kernel {
  /// `unix_stream_connect`. Re-entered after every sleep in `unix_wait_for_peer`, which is
  /// the kernel's `goto restart` with `timeo` holding the time left.
  func unixStreamConnect(_ file: SocketFile, _ addr: SockAddrUn, frame: inout CallFrame) -> SyscallStep {
    let sk = file.sock
    if !frame.started {
      if let error = unixValidateAddr(addr, caller: "unix_stream_connect") { return .done(error) }
      if unixMayPasscred(sk) && sk.address == nil {
        let bound = unixAutobind(sk)
        if bound.errno != nil { return .done(bound) }
      }
      frame.timeo = sockSndtimeo(sk, nonBlocking: file.nonBlocking)
      // The embryo (newsk) is allocated before the lookup; it lives across sleeps.
      frame.embryo = unixCreate1(type: sk.type)
      frame.started = true
    } else if signalPending() {
      // Back from unix_wait_for_peer with a signal: the embryo is freed.
      frame.embryo = nil
      return .done(sockIntrErrno(frame.timeo, "unix_stream_connect"))
    }
    // restart: find the listening socket.
    let other: Sock
    switch unixFindOther(addr, type: sk.type) {
    case .success(let found): other = found
    case .failure(let error): return .done(error.outcome)
    }
    // No SOCK_DEAD retry: unix_release_sock unhashes a socket before it dies, and nothing
    // runs between this lookup and the checks below, so a found socket is alive.
    if other.state != .TCP_LISTEN {
      return .done(
        .failure(.ECONNREFUSED, Reason("unix_stream_connect", "peer sk_state is \(other.state), not TCP_LISTEN")))
    }
    if other.shutdown.contains(.RCV_SHUTDOWN) {
      return .done(.failure(.ECONNREFUSED, Reason("unix_stream_connect", "listener has RCV_SHUTDOWN")))
    }
    if unixRecvqFull(other) {
      let check = "unix_recvq_full: qlen \(other.receiveQueueLength) > sk_max_ack_backlog \(other.maxAckBacklog)"
      if frame.timeo == 0 {
        return .done(.failure(.EAGAIN, Reason("unix_stream_connect", check + ", timeo 0")))
      }
      return unixWaitForPeer(other, timeo: frame.timeo, reason: Reason("unix_stream_connect", check))
    }
    // Only now is the caller's own state examined: a full queue wins over EISCONN.
    switch sk.state {
    case .TCP_CLOSE: break
    case .TCP_ESTABLISHED:
      return .done(.failure(.EISCONN, Reason("unix_stream_connect", "sk_state is TCP_ESTABLISHED")))
    case .TCP_LISTEN:
      return .done(.failure(.EINVAL, Reason("unix_stream_connect", "sk_state is TCP_LISTEN")))
    }
    // The way is open: the embryo becomes the server end, queued on the listener.
    guard let newsk = frame.embryo else { preconditionFailure("embryo allocated in the prologue") }
    frame.embryo = nil
    newsk.peer = sk
    newsk.state = .TCP_ESTABLISHED
    // The listener's switches as they are now: a later setsockopt on it does not reach
    // the connections already made.
    newsk.scmRecvFlags = other.scmRecvFlags
    // init_peercred: the server end's peer is the connecting process.
    newsk.peerCred = preparePeercred()
    newsk.addr = other.addr
    newsk.listener = other
    // copy_peercred: the client's peer is the listener's, as of its last listen.
    sk.peerCred = other.peerCred
    sk.state = .TCP_ESTABLISHED
    sk.peer = newsk
    other.receiveQueue.append(SkBuff(embryo: newsk))
    sockDefReadable(other)
    return .done(.success())
  }

  /// `unix_wait_for_peer`: sleep exclusively on the listener's `peer_wait` for at most
  /// `timeo`. The kernel re-checks, after `prepare_to_wait_exclusive`, that `other` is not
  /// dead or shut down for receiving and its queue still full, since its caller's checks
  /// ran under a lock it has just dropped; here nothing runs between the caller's checks and
  /// this sleep, so they still hold and the sleep is unconditional.
  func unixWaitForPeer(_ other: Sock, timeo: Jiffies, reason: Reason) -> SyscallStep {
    .sleep(on: other.peerWait, exclusive: true, keyFilter: nil, timeout: timeo, reason: reason)
  }
}
