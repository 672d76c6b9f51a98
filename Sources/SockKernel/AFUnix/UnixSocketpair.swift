extension Kernel {
  /// `__sys_socketpair` → `unix_create` twice → `unix_socketpair`: two sockets, each the
  /// other's peer, already `TCP_ESTABLISHED`, with two new descriptors.
  func sysSocketpair(type: SocketType) -> SyscallOutcome {
    let kind = type == .raw ? SocketType.dgram : type
    let sk = unixCreate1(type: kind)
    let other = unixCreate1(type: kind)
    // unix_socketpair: since 5.x datagram pairs are TCP_ESTABLISHED too.
    sk.peer = other
    other.peer = sk
    sk.state = .TCP_ESTABLISHED
    other.state = .TCP_ESTABLISHED
    let fd0 = installFile(SocketFile(sock: sk))
    let fd1 = installFile(SocketFile(sock: other))
    var outcome = SyscallOutcome.success()
    outcome.inode = sk.inode
    outcome.pair = SocketPairResult(fds: (fd0, fd1), inodes: (sk.inode, other.inode))
    return outcome
  }
}
