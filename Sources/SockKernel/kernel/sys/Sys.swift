import SyscallVocabulary

/// Credentials (`kernel/sys.c`). The model keeps one uid and one gid per process (real,
/// effective and saved alike), which is all `setuid`/`setgid` by a process ever make.
extension Kernel {
  /// `__sys_setuid`: with CAP_SETUID (euid 0 here) every id becomes `uid`, and the process
  /// loses root; without, only the uid it has is allowed. glibc's `setuid` applies it to
  /// every thread of the process, as one `cred` per process does here.
  func sysSetuid(_ task: KernelTask, _ uid: UInt32) -> SyscallOutcome {
    let group = task.group
    if uid == UInt32.max { return .failure(.EINVAL, Reason("__sys_setuid", "uid -1 is not a valid uid")) }
    if group.uid == 0 || uid == group.uid {
      group.uid = uid
      return .success()
    }
    return .failure(.EPERM, Reason("__sys_setuid", "uid \(group.uid) has no CAP_SETUID for uid \(uid)"))
  }

  /// `__sys_setgid`: CAP_SETGID goes with euid 0, so after a `setuid` away from root only the
  /// gid the process has is allowed.
  func sysSetgid(_ task: KernelTask, _ gid: UInt32) -> SyscallOutcome {
    let group = task.group
    if gid == UInt32.max { return .failure(.EINVAL, Reason("__sys_setgid", "gid -1 is not a valid gid")) }
    if group.uid == 0 || gid == group.gid {
      group.gid = gid
      return .success()
    }
    return .failure(.EPERM, Reason("__sys_setgid", "uid \(group.uid) has no CAP_SETGID for gid \(gid)"))
  }

  /// `prlimit64(0, RLIMIT_NOFILE, new, NULL)` → `do_prlimit` for the caller's process: a
  /// soft limit above the hard one is EINVAL; a hard limit above `fs.nr_open` is EPERM, and
  /// so is raising the hard limit without CAP_SYS_RESOURCE (which root has only where
  /// ``KernelConfig/capSysResource`` says so). Descriptors open
  /// at or above a lowered limit stay open: only new ones are refused.
  func doPrlimit(_ task: KernelTask, nofile new: RLimit) -> SyscallOutcome {
    let group = task.group
    if new.cur > new.max {
      return .failure(.EINVAL, Reason("do_prlimit", "rlim_cur \(new.cur) > rlim_max \(new.max)"))
    }
    if new.max > config.nrOpen {
      return .failure(.EPERM, Reason("do_prlimit", "rlim_max \(new.max) > fs.nr_open (\(config.nrOpen))"))
    }
    if new.max > group.nofile.max && !(group.uid == 0 && config.capSysResource) {
      return .failure(
        .EPERM, Reason("do_prlimit", "raising rlim_max from \(group.nofile.max) without CAP_SYS_RESOURCE"))
    }
    group.nofile = new
    return .success()
  }
}
