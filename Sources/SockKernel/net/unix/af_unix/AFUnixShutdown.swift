import SyscallVocabulary

extension Kernel {
  /// `unix_shutdown`: sets our bits and, for a connected stream or seqpacket socket, the
  /// mirrored bits of the peer. There is no `ENOTCONN` in AF_UNIX.
  func unixShutdown(_ sk: Sock, how: Int32) -> SyscallOutcome {
    if how < SHUT_RD || how > SHUT_RDWR {
      return .failure(.EINVAL, Reason("unix_shutdown", "how \(how) outside SHUT_RD..SHUT_RDWR"))
    }
    // SHUT_RD (0) -> RCV_SHUTDOWN (1), SHUT_WR (1) -> SEND_SHUTDOWN (2), SHUT_RDWR -> both.
    let mode = ShutdownBits(rawValue: UInt8(how + 1))
    sk.shutdown.formUnion(mode)
    let other = sk.peer
    // Wakes our own queue (a blocked accept), not peer_wait: blocked connectors sleep on.
    sockDefWakeup(sk)
    if let other, sk.type == .stream || sk.type == .seqpacket {
      var peerMode: ShutdownBits = []
      if mode.contains(.RCV_SHUTDOWN) { peerMode.insert(.SEND_SHUTDOWN) }
      if mode.contains(.SEND_SHUTDOWN) { peerMode.insert(.RCV_SHUTDOWN) }
      other.shutdown.formUnion(peerMode)
      sockDefWakeup(other)
    }
    return .success()
  }
}
