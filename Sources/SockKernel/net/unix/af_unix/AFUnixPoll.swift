import SyscallVocabulary

/// AF_UNIX's poll functions: which events a socket reports, computed afresh on every call
/// (no edge memory), and where a poller waits for them.
extension Kernel {
  /// `unix_poll`.
  func unixPoll(_ file: SocketFile, _ wait: PollTable?) -> PollMask {
    let sk = file.sock
    sockPollWait(file, wait)
    var mask: PollMask = []
    let shutdown = sk.shutdown
    let state = sk.state
    // exceptional events?
    if sk.pendingError != nil { mask.insert(.EPOLLERR) }
    if shutdown == .SHUTDOWN_MASK { mask.insert(.EPOLLHUP) }
    if shutdown.contains(.RCV_SHUTDOWN) { mask.formUnion([.EPOLLRDHUP, .EPOLLIN, .EPOLLRDNORM]) }
    // readable? (sk_is_readable is for BPF sockmap)
    if !sk.receiveQueue.isEmpty { mask.formUnion([.EPOLLIN, .EPOLLRDNORM]) }
    // An out-of-band byte not read yet.
    if sk.oobSkb != nil { mask.insert(.EPOLLPRI) }
    // Connection-based need to check for termination and startup.
    if (sk.type == .stream || sk.type == .seqpacket) && state == .TCP_CLOSE { mask.insert(.EPOLLHUP) }
    // Writable also when the other side has shut down the connection: this prevents stuck
    // sockets.
    if unixWritable(sk) { mask.formUnion([.EPOLLOUT, .EPOLLWRNORM, .EPOLLWRBAND]) }
    return mask
  }

  /// `unix_dgram_poll`: as `unix_poll`, except that a datagram socket connected to a peer
  /// that is not connected back and whose queue is full is not writable; it then hooks its
  /// `peer_wake` relay on that peer (`unix_dgram_peer_wake_me`), so that the peer's next
  /// dequeue wakes the poller.
  func unixDgramPoll(_ file: SocketFile, _ wait: PollTable?) -> PollMask {
    let sk = file.sock
    sockPollWait(file, wait)
    var mask: PollMask = []
    let shutdown = sk.shutdown
    let state = sk.state
    // exceptional events? (the error queue is always empty: no timestamping here)
    if sk.pendingError != nil { mask.insert(.EPOLLERR) }
    if shutdown.contains(.RCV_SHUTDOWN) { mask.formUnion([.EPOLLRDHUP, .EPOLLIN, .EPOLLRDNORM]) }
    if shutdown == .SHUTDOWN_MASK { mask.insert(.EPOLLHUP) }
    // readable?
    if !sk.receiveQueue.isEmpty { mask.formUnion([.EPOLLIN, .EPOLLRDNORM]) }
    // Connection-based need to check for termination and startup.
    if sk.type == .seqpacket && state == .TCP_CLOSE { mask.insert(.EPOLLHUP) }
    // No write status requested, avoid expensive OUT tests.
    let requested = wait?.key ?? PollMask(rawValue: ~0)
    if requested.isDisjoint(with: [.EPOLLWRBAND, .EPOLLWRNORM, .EPOLLOUT]) { return mask }
    var writable = unixWritable(sk)
    if writable, let other = sk.peer, other.peer !== sk, unixRecvqFull(other), unixDgramPeerWakeMe(sk, other) {
      writable = false
    }
    if writable { mask.formUnion([.EPOLLOUT, .EPOLLWRNORM, .EPOLLWRBAND]) }
    return mask
  }
}
