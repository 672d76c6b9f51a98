import SyscallVocabulary

/// pidfds (`kernel/pid.c`, `fs/pidfs.c`): a descriptor that refers to a process.
extension Kernel {
  /// `pidfd_prepare` + `fd_install`: a new pidfd of process `pid`, the lowest free descriptor,
  /// always FD_CLOEXEC; nil (EMFILE) when none is free. With PIDFD_STALE (AF_UNIX's) a
  /// process that has exited, even one reaped, still gets one.
  func pidfdPrepare(_ pid: Int32) -> Int32? {
    guard let fd = getUnusedFdFlags() else { return nil }
    installFile(PidFile(pid: pid), at: fd)
    setCloseOnExec(fd, true)
    return fd
  }
}
