import SyscallVocabulary

/// The socket layer's system calls (`net/socket.c`): the generic checks and the dispatch
/// to AF_UNIX's `proto_ops`.
extension Kernel {
  /// `__sys_socket` → `unix_create`: `socket(AF_UNIX, type | flags, protocol)`.
  func sysSocket(type: SocketType, protocol proto: Int32, flags: Int32 = 0) -> SyscallOutcome {
    // __sys_socket_create: the bits above SOCK_TYPE_MASK, before the family sees the call.
    if let refused = Self.checkSocketFlags(flags, in: "__sys_socket_create") { return refused }
    // unix_create: only 0 or PF_UNIX.
    if proto != 0 && proto != AF_UNIX {
      return .failure(.EPROTONOSUPPORT, Reason("unix_create", "protocol \(proto) is neither 0 nor PF_UNIX"))
    }
    // sock_map_fd's descriptor: the kernel creates the socket first and releases it on
    // EMFILE, which leaves nothing to see, so the model looks first.
    guard let fd = getUnusedFdFlags() else { return Self.tooManyFiles("sock_map_fd") }
    // unix_create: SOCK_RAW is silently turned into SOCK_DGRAM.
    let sock = unixCreate1(type: type == .raw ? .dgram : type)
    sockMapFd(sock, at: fd, flags: flags)
    var outcome = SyscallOutcome.success(Int64(fd))
    outcome.inode = sock.inode
    return outcome
  }

  /// `__sys_socketpair` → `unix_create` twice → `unix_socketpair`: two sockets, each the
  /// other's peer, already `TCP_ESTABLISHED`, with two new descriptors.
  func sysSocketpair(type: SocketType, flags: Int32 = 0) -> SyscallOutcome {
    if let refused = Self.checkSocketFlags(flags, in: "__sys_socketpair") { return refused }
    // Both descriptors before the sockets; the first goes back if the second is refused.
    guard let fd0 = getUnusedFdFlags() else { return Self.tooManyFiles("__sys_socketpair") }
    guard let fd1 = getUnusedFdFlags() else {
      releaseDescriptor(fd0)
      return Self.tooManyFiles("__sys_socketpair")
    }
    let kind = type == .raw ? SocketType.dgram : type
    let sk = unixCreate1(type: kind)
    let other = unixCreate1(type: kind)
    unixSocketpair(sk, other)
    sockMapFd(sk, at: fd0, flags: flags)
    sockMapFd(other, at: fd1, flags: flags)
    var outcome = SyscallOutcome.success()
    outcome.inode = sk.inode
    outcome.pair = SocketPairResult(fds: (fd0, fd1), inodes: (sk.inode, other.inode))
    return outcome
  }

  /// `__sys_listen_socket`: the generic clamp to `somaxconn` (compared as unsigned, so a
  /// negative backlog becomes `somaxconn` too), then the protocol's `listen`.
  func sysListen(_ sk: Sock, backlog requested: Int32) -> SyscallOutcome {
    let somaxconn = config.somaxconn
    var backlog = requested
    if UInt32(bitPattern: backlog) > UInt32(bitPattern: somaxconn) { backlog = somaxconn }
    // unix_dgram_ops.listen is sock_no_listen.
    if sk.type == .dgram {
      return .failure(.EOPNOTSUPP, Reason("sock_no_listen", "SOCK_DGRAM sockets do not listen"))
    }
    return unixListen(sk, backlog: backlog)
  }

  /// `__sys_getsockname` / `__sys_getpeername` → `proto_ops.getname`; `move_addr_to_user`
  /// then copies the name (the caller's buffer holds a whole `sockaddr_un`) and writes back
  /// its length.
  func sysGetname(_ file: SocketFile, peer: Bool) -> SyscallOutcome {
    unixGetname(file.sock, peer: peer)
  }

  /// `__sys_connect` → `proto_ops.connect`.
  func sysConnect(_ file: SocketFile, _ addr: SockAddrUn, frame: inout CallFrame) -> SyscallStep {
    // move_addr_to_kernel
    if addr.length < 0 || addr.length > 128 {
      return .done(.failure(.EINVAL, Reason("move_addr_to_kernel", "addrlen \(addr.length) outside [0, 128]")))
    }
    switch file.sock.type {
    case .stream, .seqpacket:
      return unixStreamConnect(file, addr, frame: &frame)
    case .dgram, .raw:
      return .done(unixDgramConnect(file.sock, addr))
    }
  }

  /// `__sys_accept4_file` + `do_accept`: flags are checked and the new descriptor is
  /// reserved before the protocol's accept runs (and possibly sleeps).
  func sysAccept(_ file: SocketFile, flags: Int32, frame: inout CallFrame) -> SyscallStep {
    if !frame.started {
      if let refused = Self.checkAcceptFlags(flags) { return .done(refused) }
      // The descriptor before the connection: with EMFILE the connection stays queued.
      guard let fd = getUnusedFdFlags() else { return .done(Self.tooManyFiles("__sys_accept4_file")) }
      frame.reservedDescriptor = fd
      // unix_dgram_ops.accept is sock_no_accept: unix_accept serves only stream and seqpacket.
      if file.sock.type == .dgram {
        releaseDescriptor(frame.reservedDescriptor!)
        return .done(.failure(.EOPNOTSUPP, Reason("sock_no_accept", "SOCK_DGRAM sockets do not accept")))
      }
    }
    switch unixAccept(file, frame: &frame) {
    case .sleep(let step):
      return step
    case .failed(let error):
      releaseDescriptor(frame.reservedDescriptor!)
      return .done(error.outcome)
    case .accepted(let newsk):
      let fd = frame.reservedDescriptor!
      installFile(SocketFile(sock: newsk, nonBlocking: flags & SOCK_NONBLOCK != 0), at: fd)
      setCloseOnExec(fd, flags & SOCK_CLOEXEC != 0)
      var outcome = SyscallOutcome.success(Int64(fd))
      outcome.inode = newsk.inode
      return .done(outcome)
    }
  }

  /// `__sys_accept4_file`'s first check: flags other than SOCK_CLOEXEC and SOCK_NONBLOCK.
  static func checkAcceptFlags(_ flags: Int32) -> SyscallOutcome? {
    guard flags & ~(SOCK_CLOEXEC | SOCK_NONBLOCK) != 0 else { return nil }
    return .failure(.EINVAL, Reason("__sys_accept4_file", "flags \(flags) beyond SOCK_CLOEXEC|SOCK_NONBLOCK"))
  }

  /// The check `__sys_socket_create` and `__sys_socketpair` make of the type's flag bits:
  /// only SOCK_CLOEXEC and SOCK_NONBLOCK.
  static func checkSocketFlags(_ flags: Int32, in function: String) -> SyscallOutcome? {
    guard flags & ~(SOCK_CLOEXEC | SOCK_NONBLOCK) != 0 else { return nil }
    return .failure(.EINVAL, Reason(function, "type flags \(flags) beyond SOCK_CLOEXEC|SOCK_NONBLOCK"))
  }

  /// `sock_map_fd`: the reserved descriptor `fd` (FD_CLOEXEC from SOCK_CLOEXEC) gets a new
  /// file (O_NONBLOCK from SOCK_NONBLOCK, `sock_alloc_file`).
  func sockMapFd(_ sock: Sock, at fd: Int32, flags: Int32) {
    installFile(SocketFile(sock: sock, nonBlocking: flags & SOCK_NONBLOCK != 0), at: fd)
    setCloseOnExec(fd, flags & SOCK_CLOEXEC != 0)
  }

  /// `sock_poll`: the socket's `proto_ops.poll`, `unix_poll` for SOCK_STREAM and
  /// `unix_dgram_poll` for SOCK_DGRAM and SOCK_SEQPACKET.
  func sockPoll(_ file: SocketFile, _ wait: PollTable?) -> PollMask {
    switch file.sock.type {
    case .stream: unixPoll(file, wait)
    case .dgram, .raw, .seqpacket: unixDgramPoll(file, wait)
    }
  }
}
