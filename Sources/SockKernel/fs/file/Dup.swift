import SyscallVocabulary

/// `dup`, `dup2` and `dup3` (`fs/file.c`): a second descriptor for an open file. The file
/// is shared, with its flags (O_NONBLOCK) and its reference count; FD_CLOEXEC is the new
/// descriptor's own.
extension Kernel {
  /// `ksys_dup`: `fget_raw`, then the lowest free descriptor (`get_unused_fd_flags(0)`,
  /// so FD_CLOEXEC clear) and `fd_install` of one more reference.
  func ksysDup(_ fd: Int32) -> SyscallOutcome {
    guard let file = fdget(fd) else { return .failure(.EBADF, Reason("ksys_dup", "descriptor \(fd) is not open")) }
    guard let newfd = installFile(file) else { return Self.tooManyFiles("ksys_dup") }
    getFile(file)
    closeOnExec.remove(newfd)
    return .success(Int64(newfd))
  }

  /// `SYSCALL_DEFINE2(dup2)`: the corner case of `oldfd == newfd` returns the descriptor if
  /// it is open (EBADF if not) without touching it; anything else is `ksys_dup3` with no
  /// flags.
  func ksysDup2(_ oldfd: Int32, _ newfd: Int32) -> SyscallOutcome {
    if oldfd == newfd {
      guard fdget(oldfd) != nil else {
        return .failure(.EBADF, Reason("dup2", "oldfd \(oldfd) == newfd and it is not open"))
      }
      return .success(Int64(newfd))
    }
    return ksysDup3(oldfd, newfd, flags: 0)
  }

  /// `ksys_dup3`: flags other than O_CLOEXEC are EINVAL, so is `oldfd == newfd`; a newfd at
  /// or above RLIMIT_NOFILE (compared unsigned, so a negative one too) is EBADF; then
  /// `expand_files` and the lookup of oldfd (EBADF), and `do_dup2`.
  func ksysDup3(_ oldfd: Int32, _ newfd: Int32, flags: Int32) -> SyscallOutcome {
    if flags & ~O_CLOEXEC != 0 {
      return .failure(.EINVAL, Reason("ksys_dup3", "flags \(flags) beyond O_CLOEXEC"))
    }
    if oldfd == newfd {
      return .failure(.EINVAL, Reason("ksys_dup3", "oldfd == newfd (\(newfd))"))
    }
    let limit = rlimitNofile()
    if UInt64(UInt32(bitPattern: newfd)) >= limit {
      return .failure(.EBADF, Reason("ksys_dup3", "newfd \(UInt32(bitPattern: newfd)) >= RLIMIT_NOFILE (\(limit))"))
    }
    expandFiles(to: newfd)
    guard let file = fdget(oldfd) else {
      return .failure(.EBADF, Reason("ksys_dup3", "oldfd \(oldfd) is not open"))
    }
    return doDup2(file, newfd, flags: flags)
  }

  /// `expand_files`: the table grows to hold `fd`; the descriptors it gains are free (from
  /// ``FilesStruct/freshFrom`` on, which stays where it was).
  func expandFiles(to fd: Int32) {
    guard files.count <= Int(fd) else { return }
    files.append(contentsOf: repeatElement(nil, count: Int(fd) + 1 - files.count))
  }

  /// `do_dup2`: a descriptor reserved for a file not installed yet (an `accept` asleep) is
  /// EBUSY; otherwise `newfd` takes one more reference to `file`, gets FD_CLOEXEC from
  /// `flags`, and what it held before is closed (`filp_close` → `fput`) after the swap.
  func doDup2(_ file: OpenFile, _ newfd: Int32, flags: Int32) -> SyscallOutcome {
    if reservedDescriptors.contains(newfd) {
      return .failure(.EBUSY, Reason("do_dup2", "descriptor \(newfd) is reserved for a file not installed yet"))
    }
    let tofree = files[Int(newfd)]
    getFile(file)
    files[Int(newfd)] = file
    if flags & O_CLOEXEC != 0 { closeOnExec.insert(newfd) } else { closeOnExec.remove(newfd) }
    if let tofree { fput(tofree) }
    return .success(Int64(newfd))
  }
}
