import SyscallVocabulary

/// `open` of what is not a socket (`fs/open.c`, `fs/read_write.c`): the model's ordinary
/// files and directories, which a descriptor can refer to as it refers to a socket.
extension Kernel {
  /// `do_sys_open(AT_FDCWD, path, O_RDONLY)` → `do_filp_open`: the path must lead to an
  /// inode (ENOENT, ENOTDIR); a socket's inode cannot be opened (its `no_open`: ENXIO);
  /// then the lowest free descriptor. `force_o_largefile` adds O_LARGEFILE.
  func doSysOpen(_ path: String) -> SyscallOutcome {
    switch vfs.lookup(Array(path.utf8)) {
    case .failure(let errno):
      return .failure(errno, Reason("path_openat", "cannot look up \"\(path)\""))
    case .success(let node):
      if node.kind == .socket {
        return .failure(.ENXIO, Reason("no_open", "\"\(path)\" is a socket, which open cannot open"))
      }
      let fd = installFile(InodeFile(node: node, flags: O_LARGEFILE))
      closeOnExec.remove(fd)
      return .success(Int64(fd))
    }
  }

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
