import SyscallVocabulary

extension Kernel {
  /// `unix_socketpair`: the two new sockets become each other's peer, already
  /// `TCP_ESTABLISHED` (since 5.x datagram pairs too).
  func unixSocketpair(_ sk: Sock, _ other: Sock) {
    sk.peer = other
    other.peer = sk
    // init_peercred on both: each end's peer is the process that made the pair.
    sk.peerCred = preparePeercred()
    other.peerCred = sk.peerCred
    sk.state = .TCP_ESTABLISHED
    other.state = .TCP_ESTABLISHED
  }
}
