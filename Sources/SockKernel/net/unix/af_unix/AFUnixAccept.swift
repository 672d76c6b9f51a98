import SyscallVocabulary

extension Kernel {
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
    var offset = 0
    let received = skbRecvDatagram(sk, nonBlocking: file.nonBlocking, off: &offset, frame: &frame)
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
      wakeUpInterruptible(sk.peerWaitIfMade)
      guard let tsk = skb.embryo else { preconditionFailure("a listener's queue holds connection requests") }
      skb.embryo = nil
      // unix_update_edges: files sent to it count as the accepted socket's now.
      unixUpdateEdges(tsk)
      return .accepted(tsk)
    }
  }
}
