import SyscallVocabulary

/// `read` and `write` of a file that is not a socket (`fs/read_write.c`); a socket's go to
/// `sock_read_iter` and `sock_write_iter` (net/socket/SocketSendRecv.swift).
extension Kernel {
  /// `vfs_read` of a file that is not a socket: a directory is EISDIR (`generic_read_dir`),
  /// even for 0 bytes; an ordinary file is empty, so any read is at its end: 0.
  func vfsRead(_ file: OpenFile, length: Int) -> SyscallOutcome {
    if let inode = file as? InodeFile, inode.node.kind == .directory {
      return .failure(.EISDIR, Reason("generic_read_dir", "the descriptor is a directory"))
    }
    var outcome = SyscallOutcome.success(0)
    outcome.data = Payload.read([])
    return outcome
  }

  /// `vfs_write` of a file `open` made: it was opened O_RDONLY, without FMODE_WRITE: EBADF.
  func vfsWrite(_ file: OpenFile, _ data: Payload) -> SyscallOutcome {
    .failure(.EBADF, Reason("vfs_write", "the file was opened O_RDONLY (no FMODE_WRITE)"))
  }
}
