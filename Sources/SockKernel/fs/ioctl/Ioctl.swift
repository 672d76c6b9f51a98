import SyscallVocabulary

/// `ioctl(2)` (`fs/ioctl.c`): the generic requests first, then the file's own.
extension Kernel {
  /// `SYSCALL_DEFINE3(ioctl)` → `do_vfs_ioctl`: FIONREAD (SIOCINQ's number) of a regular
  /// file is the bytes past the file position, which for the empty files `touch` makes is
  /// 0; a socket's file answers through `sock_ioctl`; any other file has no `ioctl`
  /// (ENOTTY).
  func doVfsIoctl(_ file: OpenFile, _ request: IoctlRequest) -> SyscallOutcome {
    if let socket = file as? SocketFile { return sockIoctl(socket, request) }
    if request == .SIOCINQ, let inode = file as? InodeFile, inode.node.kind == .regular {
      return Self.readBack(0)
    }
    return .failure(.ENOTTY, Reason("vfs_ioctl", "the file has no ioctl for \(request)"))
  }

  /// An `ioctl` that succeeded, with the int it wrote (`put_user`).
  static func readBack(_ value: Int) -> SyscallOutcome {
    var outcome = SyscallOutcome.success()
    outcome.optionValue = Int32(clamping: value)
    return outcome
  }
}
