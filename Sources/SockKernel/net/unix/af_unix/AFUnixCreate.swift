import SyscallVocabulary

extension Kernel {
  /// `unix_create1` + `sock_init_data`: a fresh, unbound socket in `TCP_CLOSE`, both timeouts
  /// `MAX_SCHEDULE_TIMEOUT`, buffers from the `*mem_default` sysctls, and
  /// `sk_max_ack_backlog` = `net.unix.max_dgram_qlen` as it is now.
  func unixCreate1(type: SocketType) -> Sock {
    nextInode += 1
    return Sock(inode: nextInode, type: type, config: config)
  }
}
