import SyscallVocabulary

/// Datagram associations: `unix_dgram_connect`, `unix_may_send`, `unix_dgram_disconnected`.
extension Kernel {
  /// `unix_dgram_connect`: sets (or, with `AF_UNSPEC`, drops) the default destination. It
  /// never sleeps. Changing the peer purges what the old one sent us.
  func unixDgramConnect(_ sk: Sock, _ addr: SockAddrUn) -> SyscallOutcome {
    if addr.length < 2 {
      return .failure(.EINVAL, Reason("unix_dgram_connect", "alen \(addr.length) < offsetofend(sa_family)"))
    }
    var other: Sock?
    if addr.family != UInt16(AF_UNSPEC) {
      if let error = unixValidateAddr(addr, caller: "unix_dgram_connect") { return error }
      if unixMayPasscred(sk) && sk.address == nil {
        let bound = unixAutobind(sk)
        if bound.errno != nil { return bound }
      }
      let found: Sock
      switch unixFindOther(addr, type: sk.type) {
      case .success(let sock): found = sock
      case .failure(let error): return error.outcome
      }
      // No SOCK_DEAD retry: a dead socket is unhashed before it dies (see unixStreamConnect).
      if !unixMaySend(sk, found) {
        return .failure(.EPERM, Reason("unix_may_send", "\(addr.display) is connected to another socket"))
      }
      sk.state = .TCP_ESTABLISHED
      found.state = .TCP_ESTABLISHED
      other = found
    }
    // If it was connected, reconnect.
    guard let oldPeer = sk.peer else {
      sk.peer = other
      return .success()
    }
    sk.peer = other
    if other == nil { sk.state = .TCP_CLOSE }
    unixDgramPeerWakeDisconnectWakeup(sk, oldPeer)
    if other !== oldPeer {
      unixDgramDisconnected(sk, oldPeer)
      if oldPeer.peer == nil { oldPeer.state = .TCP_CLOSE }
    }
    return .success()
  }

  /// `unix_may_send`: `other` accepts datagrams from anybody while unconnected, and only
  /// from its peer once connected.
  func unixMaySend(_ sk: Sock, _ other: Sock) -> Bool {
    other.peer == nil || other.peer === sk
  }

  /// `unix_dgram_disconnected`: when a datagram socket drops or changes its peer, what it
  /// had received is purged, senders blocked on its full queue are woken, and an old peer
  /// that was connected back learns of the loss through `sk_err`.
  func unixDgramDisconnected(_ sk: Sock, _ other: Sock) {
    guard !sk.receiveQueue.isEmpty else { return }
    // skb_queue_purge_reason(SKB_DROP_REASON_UNIX_DISCONNECT): each free releases its
    // sender's charge.
    while let skb = sk.receiveQueue.popFirst() { consumeSkb(skb) }
    wakeUpInterruptibleAll(sk.peerWaitIfMade)
    if !other.isDead, other.peer === sk {
      other.pendingError = .ECONNRESET
      sockDefErrorReport(other)
    }
  }
}
