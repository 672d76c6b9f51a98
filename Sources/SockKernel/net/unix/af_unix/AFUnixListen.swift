import SyscallVocabulary

extension Kernel {
  /// `unix_listen`.
  func unixListen(_ sk: Sock, backlog: Int32) -> SyscallOutcome {
    if sk.type != .stream && sk.type != .seqpacket {
      return .failure(.EOPNOTSUPP, Reason("unix_listen", "\(sk.type) is neither SOCK_STREAM nor SOCK_SEQPACKET"))
    }
    if sk.address == nil {
      return .failure(.EINVAL, Reason("unix_listen", "socket is not bound (no listens on an unbound socket)"))
    }
    if sk.state != .TCP_CLOSE && sk.state != .TCP_LISTEN {
      return .failure(.EINVAL, Reason("unix_listen", "sk_state is \(sk.state), not TCP_CLOSE or TCP_LISTEN"))
    }
    // A larger backlog may make room: every connector waiting for it retries.
    // sk_max_ack_backlog is a u32: a negative backlog (left by a negative somaxconn, which
    // the clamp in __sys_listen_socket keeps) is stored by its bit pattern, as C converts it.
    if UInt32(bitPattern: backlog) > sk.maxAckBacklog { wakeUpInterruptibleAll(sk.peerWaitIfMade) }
    sk.maxAckBacklog = UInt32(bitPattern: backlog)
    sk.state = .TCP_LISTEN
    // update_peercred: "set credentials so connect can copy them".
    sk.peerCred = preparePeercred()
    return .success()
  }

  /// `prepare_peercred`: the calling process's pid and credentials.
  func preparePeercred() -> PeerCred {
    let group = currentTask.map { tasks[$0.rawValue].group } ?? processes[0]
    return PeerCred(pid: group.pid, uid: group.uid, gid: group.gid)
  }

  /// `unix_recvq_full_lockless`: strictly more pending connections than the backlog, so
  /// backlog N admits N+1.
  func unixRecvqFull(_ other: Sock) -> Bool {
    other.receiveQueueLength > Int(other.maxAckBacklog)
  }
}
