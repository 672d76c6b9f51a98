import SyscallVocabulary

/// `sendto` and `recvfrom` (`net/socket.c`): an `O_NONBLOCK` file adds `MSG_DONTWAIT`, then
/// the socket type picks AF_UNIX's `sendmsg` / `recvmsg`.
extension Kernel {
  /// `__sys_sendto` → `sock_sendmsg` → `proto_ops.sendmsg`: an `O_NONBLOCK` file adds
  /// `MSG_DONTWAIT`.
  func sysSendto(
    _ file: SocketFile, _ data: Payload, flags: MessageFlags, address: SockAddrUn?, frame: inout CallFrame
  ) -> SyscallStep {
    sockSendmsg(file, data, flags: flags, address: address, control: [], frame: &frame)
  }

  /// `____sys_sendmsg`: the iovecs as one message, its control buffer (an SCM_RIGHTS
  /// message) parsed by the protocol's `scm_send`; an `O_NONBLOCK` file adds `MSG_DONTWAIT`.
  func sysSendmsg(_ file: SocketFile, _ message: SendMessage, frame: inout CallFrame) -> SyscallStep {
    sockSendmsg(
      file, message.data, flags: message.flags, address: message.address, control: message.control,
      frame: &frame)
  }

  /// `sock_sendmsg` → `proto_ops.sendmsg`, for `sendto` and `sendmsg` alike.
  private func sockSendmsg(
    _ file: SocketFile, _ data: Payload, flags: MessageFlags, address: SockAddrUn?, control: [UInt8],
    frame: inout CallFrame
  ) -> SyscallStep {
    var flags = flags
    if file.nonBlocking { flags.insert(.MSG_DONTWAIT) }
    switch file.sock.type {
    case .stream:
      return unixStreamSendmsg(
        file.sock, data, flags: flags, address: address, control: control, frame: &frame)
    case .seqpacket:
      return unixSeqpacketSendmsg(
        file.sock, data, flags: flags, address: address, control: control, frame: &frame)
    case .dgram, .raw:
      return unixDgramSendmsg(
        file.sock, data, flags: flags, address: address, control: control, frame: &frame)
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
  /// `MSG_DONTWAIT`; with no control buffer (`msg_control` NULL), files a message carries
  /// are dropped.
  func sysRecvfrom(_ file: SocketFile, length: Int, flags: MessageFlags, frame: inout CallFrame) -> SyscallStep {
    sockRecvmsg(file, length: length, flags: flags, frame: &frame)
  }

  /// `____sys_recvmsg`: `msg_flags` starts as the caller's MSG_CMSG_CLOEXEC; on success the
  /// name (when the caller gave a buffer), `msg_flags` and the control space used are
  /// written back.
  func sysRecvmsg(_ file: SocketFile, _ request: ReceiveRequest, frame: inout CallFrame) -> SyscallStep {
    if !frame.started { frame.msg = RecvMsgHeader(controlLength: request.controlLength, flags: request.flags) }
    let step = sockRecvmsg(file, length: request.length, flags: request.flags, frame: &frame)
    guard case .done(var outcome) = step else { return step }
    guard outcome.errno == nil else { return step }
    outcome.message = frame.msg.written
    if !request.wantsName { outcome.sender = nil }
    return .done(outcome)
  }

  /// `sock_recvmsg` → `proto_ops.recvmsg`.
  private func sockRecvmsg(_ file: SocketFile, length: Int, flags: MessageFlags, frame: inout CallFrame) -> SyscallStep
  {
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
