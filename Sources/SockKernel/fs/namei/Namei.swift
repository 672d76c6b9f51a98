import SyscallVocabulary

/// The path system calls (`fs/namei.c`): `mknod`, `mkdir`, `unlink` on the model's VFS.
extension Kernel {
  /// `mknod(path, S_IFREG)`.
  func sysMknodRegular(_ path: String) -> SyscallOutcome {
    switch vfs.create(Array(path.utf8), kind: .regular) {
    case .success: return .success()
    case .failure(let e): return .failure(e, Reason("vfs_mknod", "cannot create \"\(path)\""))
    }
  }

  /// `mkdir(path)`.
  func sysMkdir(_ path: String) -> SyscallOutcome {
    switch vfs.create(Array(path.utf8), kind: .directory) {
    case .success: return .success()
    case .failure(let e): return .failure(e, Reason("vfs_mkdir", "cannot create \"\(path)\""))
    }
  }

  /// `unlink(path)`: removes the name; a socket bound to it stays bound but unreachable.
  func sysUnlink(_ path: String) -> SyscallOutcome {
    if let e = vfs.unlink(Array(path.utf8)) {
      return .failure(e, Reason("do_unlinkat", "cannot unlink \"\(path)\""))
    }
    return .success()
  }
}
