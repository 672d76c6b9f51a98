import SyscallVocabulary

/// `fcntl(2)` (`fs/fcntl.c`): the open file's status flags (F_GETFL/F_SETFL, shared by every
/// descriptor of it) and the descriptor's own flag (F_GETFD/F_SETFD: FD_CLOEXEC), and
/// F_DUPFD/F_DUPFD_CLOEXEC.
extension Kernel {
  /// `SYSCALL_DEFINE3(fcntl)`: `fdget_raw` (EBADF), then `do_fcntl`.
  func sysFcntl(_ fd: Int32, _ command: FcntlCommand, _ arg: Int32) -> SyscallOutcome {
    guard let file = fdget(fd) else {
      return .failure(.EBADF, Reason("fcntl", "descriptor \(fd) is not open"))
    }
    return doFcntl(fd, file, command, arg)
  }

  /// `do_fcntl`: the commands the language makes. What F_GETFD and F_GETFL return is also
  /// the value an `= [FLAGS]` expectation reads.
  func doFcntl(_ fd: Int32, _ file: OpenFile, _ command: FcntlCommand, _ arg: Int32) -> SyscallOutcome {
    switch command {
    case .F_DUPFD:
      return fDupfd(from: arg, file, flags: 0)
    case .F_DUPFD_CLOEXEC:
      return fDupfd(from: arg, file, flags: O_CLOEXEC)
    case .F_GETFD:
      return readBack(getCloseOnExec(fd) ? FD_CLOEXEC : 0)
    case .F_SETFD:
      setCloseOnExec(fd, arg & FD_CLOEXEC != 0)
      return .success()
    case .F_GETFL:
      return readBack(file.flags)
    case .F_SETFL:
      return setfl(file, arg)
    case .F_SETOWN:
      return fSetown(file, pid: arg)
    case .F_GETOWN:
      return fGetown(file)
    case .F_SETOWN_EX:
      return fSetownEx(file, thread: TaskID(rawValue: Int(arg)))
    }
  }

  private func readBack(_ value: Int32) -> SyscallOutcome {
    var outcome = SyscallOutcome.success(Int64(value))
    outcome.optionValue = value
    return outcome
  }

  /// `SETFL_MASK` without O_NDELAY (O_NONBLOCK's alias) and O_NOATIME, which the language
  /// does not set.
  static let setflMask = O_APPEND | O_NONBLOCK | O_DIRECT

  /// `setfl`: O_DIRECT needs FMODE_CAN_ODIRECT, which no socket has (EINVAL); the bits of
  /// SETFL_MASK are replaced and every other bit (the access mode) is kept.
  func setfl(_ file: OpenFile, _ arg: Int32) -> SyscallOutcome {
    if arg & O_DIRECT != 0 {
      return .failure(.EINVAL, Reason("setfl", "O_DIRECT on a file without FMODE_CAN_ODIRECT (a socket)"))
    }
    file.flags = (arg & Self.setflMask) | (file.flags & ~Self.setflMask)
    return .success()
  }

  /// `f_dupfd`: `from` (unsigned) at or above RLIMIT_NOFILE is EINVAL; otherwise the lowest
  /// free descriptor at or above it (`alloc_fd`), FD_CLOEXEC from `flags`, one more reference.
  func fDupfd(from: Int32, _ file: OpenFile, flags: Int32) -> SyscallOutcome {
    let limit = rlimitNofile()
    if UInt64(UInt32(bitPattern: from)) >= limit {
      return .failure(.EINVAL, Reason("f_dupfd", "from \(UInt32(bitPattern: from)) >= RLIMIT_NOFILE (\(limit))"))
    }
    let fd = allocFd(from: from)
    guard UInt64(fd) < limit else {
      // alloc_fd's EMFILE: the slot the search found stays free.
      freeDescriptors.insert(fd)
      return Self.tooManyFiles("f_dupfd")
    }
    getFile(file)
    files[Int(fd)] = file
    setCloseOnExec(fd, flags & O_CLOEXEC != 0)
    return .success(Int64(fd))
  }

  /// `alloc_fd(start, …)`: the lowest free descriptor at or above `start`; the table grows
  /// for it. Free means in the free heap or grown and not handed out (``FilesStruct/freshFrom``),
  /// and neither open nor reserved again since, so 0, 1 and 2 (standard input, output and
  /// error, never in either) are not. (Its entry in the heap goes stale.)
  func allocFd(from start: Int32) -> Int32 {
    expandFiles(to: start)
    let table = fileTable
    table.skipOpenedFresh()
    var fresh = max(start, table.freshFrom)
    while Int(fresh) < table.fdt.count, !table.isFree(fresh) { fresh += 1 }
    let free = table.freeDescriptors.unordered.filter { $0 >= start && table.isFree($0) }
    let fd = min(free.min() ?? .max, fresh)
    table.handOut(fd)
    return fd
  }

  /// `get_close_on_exec`.
  func getCloseOnExec(_ fd: Int32) -> Bool { closeOnExec.contains(fd) }

  /// `set_close_on_exec` (`__set_close_on_exec` / `__clear_close_on_exec`).
  func setCloseOnExec(_ fd: Int32, _ on: Bool) {
    if on { closeOnExec.insert(fd) } else { closeOnExec.remove(fd) }
  }
}
