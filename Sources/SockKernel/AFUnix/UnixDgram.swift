extension Kernel {
  /// `unix_seqpacket_sendmsg`.
  func unixSeqpacketSendmsg(
    _ sk: Sock, _ data: Payload, flags: MessageFlags, address: SockAddrUn?, frame: inout CallFrame
  ) -> SyscallStep {
    .notModelled("send on a SOCK_SEQPACKET socket (unix_seqpacket_sendmsg)")
  }

  /// `unix_dgram_sendmsg`.
  func unixDgramSendmsg(
    _ sk: Sock, _ data: Payload, flags: MessageFlags, address: SockAddrUn?, frame: inout CallFrame
  ) -> SyscallStep {
    .notModelled("send on a SOCK_DGRAM socket (unix_dgram_sendmsg)")
  }

  /// `unix_seqpacket_recvmsg`.
  func unixSeqpacketRecvmsg(_ sk: Sock, length: Int, flags: MessageFlags, frame: inout CallFrame) -> SyscallStep {
    .notModelled("recv on a SOCK_SEQPACKET socket (unix_seqpacket_recvmsg)")
  }

  /// `unix_dgram_recvmsg`.
  func unixDgramRecvmsg(_ sk: Sock, length: Int, flags: MessageFlags, frame: inout CallFrame) -> SyscallStep {
    .notModelled("recv on a SOCK_DGRAM socket (unix_dgram_recvmsg)")
  }
}
