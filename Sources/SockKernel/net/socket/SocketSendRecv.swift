import SyscallVocabulary

/// `sendto` and `recvfrom` (`net/socket.c`): an `O_NONBLOCK` file adds `MSG_DONTWAIT`, then
/// the socket type picks AF_UNIX's `sendmsg` / `recvmsg`.
extension Kernel {
  /// `__sys_sendto` → `sock_sendmsg` → `proto_ops.sendmsg`: an `O_NONBLOCK` file adds
  /// `MSG_DONTWAIT`.
  func sysSendto(
    _ file: SocketFile, _ data: Payload, flags: MessageFlags, address: SockAddrUn?, frame: inout CallFrame
  ) -> SyscallStep {
    var flags = flags
    if file.nonBlocking { flags.insert(.MSG_DONTWAIT) }
    switch file.sock.type {
    case .stream:
      return unixStreamSendmsg(file.sock, data, flags: flags, address: address, frame: &frame)
    case .seqpacket:
      return unixSeqpacketSendmsg(file.sock, data, flags: flags, address: address, frame: &frame)
    case .dgram, .raw:
      return unixDgramSendmsg(file.sock, data, flags: flags, address: address, frame: &frame)
    }
  }

  /// `__sys_recvfrom` → `sock_recvmsg` → `proto_ops.recvmsg`: an `O_NONBLOCK` file adds
  /// `MSG_DONTWAIT`.
  func sysRecvfrom(_ file: SocketFile, length: Int, flags: MessageFlags, frame: inout CallFrame) -> SyscallStep {
    var flags = flags
    if file.nonBlocking { flags.insert(.MSG_DONTWAIT) }
    switch file.sock.type {
    case .stream:
      return unixStreamRecvmsg(file.sock, length: length, flags: flags, frame: &frame)
    case .seqpacket:
      return unixSeqpacketRecvmsg(file.sock, length: length, flags: flags, frame: &frame)
    case .dgram, .raw:
      return unixDgramRecvmsg(file.sock, length: length, flags: flags, frame: &frame)
    }
  }
}
