import SyscallVocabulary

/// `open` of what is not a socket (`fs/open.c`): the model's ordinary files and directories,
/// which a descriptor can refer to as it refers to a socket.
extension Kernel {
  /// `do_sys_open(AT_FDCWD, path, O_RDONLY)` → `do_filp_open`: the path must lead to an
  /// inode (ENOENT, ENOTDIR); a socket's inode cannot be opened (its `no_open`: ENXIO);
  /// the descriptor is taken first (EMFILE). `force_o_largefile` adds O_LARGEFILE.
  func doSysOpen(_ path: String) -> SyscallOutcome {
    // do_sys_openat2 takes the descriptor before it looks at the path.
    guard let fd = getUnusedFdFlags() else { return Self.tooManyFiles("do_sys_openat2") }
    switch vfs.lookup(Array(path.utf8)) {
    case .failure(let errno):
      releaseDescriptor(fd)
      return .failure(errno, Reason("path_openat", "cannot look up \"\(path)\""))
    case .success(let node):
      if node.kind == .socket {
        releaseDescriptor(fd)
        return .failure(.ENXIO, Reason("no_open", "\"\(path)\" is a socket, which open cannot open"))
      }
      installFile(InodeFile(node: node, flags: O_LARGEFILE), at: fd)
      closeOnExec.remove(fd)
      return .success(Int64(fd))
    }
  }
}
