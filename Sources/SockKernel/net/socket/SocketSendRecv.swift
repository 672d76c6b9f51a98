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

  /// `read` → `vfs_read` → `sock_read_iter`: a read of 0 bytes returns 0 at once ("Match
  /// SYS5 behaviour"), before the socket is looked at, where a `recv` of 0 sleeps until
  /// something is queued; otherwise `sock_recvmsg` with no flags but O_NONBLOCK's
  /// MSG_DONTWAIT, and no address is reported.
  func sockReadIter(_ file: SocketFile, length: Int, frame: inout CallFrame) -> SyscallStep {
    if length == 0 {
      var outcome = SyscallOutcome.success(0)
      outcome.data = Payload.read([])
      return .done(outcome)
    }
    let step = sysRecvfrom(file, length: length, flags: [], frame: &frame)
    guard case .done(var outcome) = step else { return step }
    outcome.sender = nil
    return .done(outcome)
  }

  /// `write` → `vfs_write` → `sock_write_iter`: `sock_sendmsg` with no flags but O_NONBLOCK's
  /// MSG_DONTWAIT (and MSG_EOR on SOCK_SEQPACKET, which AF_UNIX ignores). Without
  /// MSG_NOSIGNAL an EPIPE raises SIGPIPE, as a `send` with flags 0 does; a write of 0 bytes
  /// still makes the protocol's checks (ENOTCONN, EPIPE).
  func sockWriteIter(_ file: SocketFile, _ data: Payload, frame: inout CallFrame) -> SyscallStep {
    sysSendto(file, data, flags: [], address: nil, frame: &frame)
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
