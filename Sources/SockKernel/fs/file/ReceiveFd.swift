import SyscallVocabulary

/// `fs/file.c`: a file received from another process gets a descriptor here.
extension Kernel {
  /// `receive_fd`: the lowest free descriptor (`get_unused_fd_flags`, FD_CLOEXEC with
  /// `cloexec`) for `file`, with a reference of its own; nil (EMFILE) when none is free
  /// below RLIMIT_NOFILE.
  func receiveFd(_ file: OpenFile, cloexec: Bool) -> Int32? {
    guard let fd = getUnusedFdFlags() else { return nil }
    getFile(file)
    installFile(file, at: fd)
    setCloseOnExec(fd, cloexec)
    return fd
  }
}
