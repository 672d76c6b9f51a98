import SyscallVocabulary

/// SOCK_SEQPACKET's data path: the datagram code behind a connection check.
extension Kernel {
  /// `unix_seqpacket_sendmsg`: a pending `sk_err` first, then `ENOTCONN`; any destination
  /// address is ignored.
  func unixSeqpacketSendmsg(
    _ sk: Sock, _ data: Payload, flags: MessageFlags, address: SockAddrUn?, control: [UInt8] = [],
    frame: inout CallFrame
  ) -> SyscallStep {
    if !frame.started {
      if let error = sockError(sk) { return .done(error.outcome) }
      if sk.state != .TCP_ESTABLISHED {
        return .done(.failure(.ENOTCONN, Reason("unix_seqpacket_sendmsg", "sk_state is \(sk.state)")))
      }
    }
    return unixDgramSendmsg(
      sk, data, flags: flags, address: nil, control: control, frame: &frame)
  }

  /// `unix_seqpacket_recvmsg`: `ENOTCONN` unless connected, then `unix_dgram_recvmsg`.
  func unixSeqpacketRecvmsg(_ sk: Sock, length: Int, flags: MessageFlags, frame: inout CallFrame) -> SyscallStep {
    if !frame.started, sk.state != .TCP_ESTABLISHED {
      return .done(.failure(.ENOTCONN, Reason("unix_seqpacket_recvmsg", "sk_state is \(sk.state)")))
    }
    return unixDgramRecvmsg(sk, length: length, flags: flags, frame: &frame)
  }
}
