import SyscallVocabulary

/// The `peer_wake` relay of asymmetrically connected datagram sockets.
///
/// A datagram socket connected to a receiver that is not connected back (eg, /dev/log) may
/// only queue while the receiver's queue is not full: a second writability condition that
/// `poll` and `sendmsg` test. The receiver's dequeue wakes its `peer_wait`; to pass that on
/// to pollers of the sender, the sender's `peer_wake` entry is queued on the receiver's
/// `peer_wait`, and its wake function wakes the sender's own wait queue. The link is made
/// when a non-blocking send or a poll for writing hits the full queue, and broken when the
/// association is dissolved or after one wake-up was relayed.
extension Kernel {
  /// `unix_dgram_peer_wake_relay`: the wake-up took the entry off the peer's `peer_wait`;
  /// it is relayed, with its key, to `u`'s own wait queue while that still exists.
  func unixDgramPeerWakeRelay(_ u: Sock, key: PollMask?) {
    u.peerWakePrivate?.peerWaitIfMade?.remove(u.peerWake)
    u.peerWakePrivate = nil
    // Relaying can only happen while the wq still exists: sock_orphan cleared it.
    guard !u.isDead else { return }
    wakeUp(u.sleepQueueIfMade, nrExclusive: 1, key: key)
  }

  /// `unix_dgram_peer_wake_connect`: hooks `sk`'s relay onto `other`'s `peer_wait` unless it
  /// is hooked somewhere already; true when this call hooked it.
  func unixDgramPeerWakeConnect(_ sk: Sock, _ other: Sock) -> Bool {
    guard sk.peerWakePrivate == nil else { return false }
    sk.peerWakePrivate = other
    other.peerWait.add(sk.peerWake)
    return true
  }

  /// `unix_dgram_peer_wake_disconnect`: unhooks `sk`'s relay from `other`'s `peer_wait`.
  func unixDgramPeerWakeDisconnect(_ sk: Sock, _ other: Sock) {
    guard sk.peerWakePrivate === other else { return }
    other.peerWaitIfMade?.remove(sk.peerWake)
    sk.peerWakePrivate = nil
  }

  /// `unix_dgram_peer_wake_disconnect_wakeup`: unhooks the relay from the old peer and wakes
  /// our own pollers with `EPOLLOUT`: the old peer's full queue no longer holds us back.
  func unixDgramPeerWakeDisconnectWakeup(_ sk: Sock, _ other: Sock) {
    unixDgramPeerWakeDisconnect(sk, other)
    wakeUp(sk.sleepQueueIfMade, nrExclusive: 1, key: [.EPOLLOUT, .EPOLLWRNORM, .EPOLLWRBAND])
  }

  /// `unix_dgram_peer_wake_me` (`unix_peer(sk) == other`): true, with the relay hooked, when
  /// `other`'s queue is full and it is alive; otherwise the relay this call hooked is
  /// unhooked again. A dead peer counts as writable, so that the next send can report
  /// `ECONNREFUSED` instead of the poller hanging.
  func unixDgramPeerWakeMe(_ sk: Sock, _ other: Sock) -> Bool {
    let connected = unixDgramPeerWakeConnect(sk, other)
    if unixRecvqFull(other) && !other.isDead { return true }
    if connected { unixDgramPeerWakeDisconnect(sk, other) }
    return false
  }
}
