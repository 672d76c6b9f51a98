import SyscallVocabulary

extension Kernel {
  /// `unix_release_sock`: on `close`, and with `embryo` for each connection still queued on
  /// a listener that is being closed.
  func unixReleaseSock(_ sk: Sock, embryo: Bool) {
    // unix_remove_socket / unix_remove_bsd_socket: the name no longer leads here.
    if let address = sk.address, address.isAbstract {
      abstractNames.remove(sk, name: address.path)
    }
    if let node = sk.boundNode, node.boundSock === sk { node.boundSock = nil }
    let state = sk.state
    sk.isDead = true
    sk.shutdown = .SHUTDOWN_MASK
    sk.state = .TCP_CLOSE
    let skpair = sk.peer
    sk.peer = nil
    // Connectors waiting for backlog room retry (and find no listener).
    wakeUpInterruptibleAll(sk.peerWaitIfMade)
    if let skpair {
      if sk.type == .stream || sk.type == .seqpacket {
        skpair.shutdown = .SHUTDOWN_MASK
        if !sk.receiveQueue.isEmpty || embryo { skpair.pendingError = .ECONNRESET }
        sockDefWakeup(skpair)
      }
      // Our poll relay, if hooked on the peer's peer_wait, goes.
      unixDgramPeerWakeDisconnect(sk, skpair)
    }
    // Flush the queue: freeing data releases its senders' charge (and may wake them); a
    // listener's pending connections die as embryos.
    while let skb = sk.receiveQueue.popFirst() {
      if state == .TCP_LISTEN, let embryo = skb.embryo {
        skb.embryo = nil
        unixReleaseSock(embryo, embryo: true)
      }
      consumeSkb(skb)
    }
    // Garbage collect fds.
    if unixTotInflight > 0 { unixGc() }
  }
}
