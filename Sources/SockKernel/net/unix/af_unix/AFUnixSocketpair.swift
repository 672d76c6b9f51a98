import SyscallVocabulary

extension Kernel {
  /// `unix_socketpair`: the two new sockets become each other's peer, already
  /// `TCP_ESTABLISHED` (since 5.x datagram pairs too).
  func unixSocketpair(_ sk: Sock, _ other: Sock) {
    sk.peer = other
    other.peer = sk
    sk.state = .TCP_ESTABLISHED
    other.state = .TCP_ESTABLISHED
  }
}
