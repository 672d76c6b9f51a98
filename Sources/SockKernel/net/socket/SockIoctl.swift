import SyscallVocabulary

extension Kernel {
  /// `sock_ioctl` → `sock_do_ioctl` → `proto_ops.ioctl`: the requests here are none of the
  /// ones `sock_ioctl` answers itself, so AF_UNIX's `unix_ioctl` takes them.
  func sockIoctl(_ file: SocketFile, _ request: IoctlRequest) -> SyscallOutcome {
    unixIoctl(file.sock, request)
  }
}
