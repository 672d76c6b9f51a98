#if canImport(Glibc)
  import Glibc
  import SyscallVocabulary

  extension Syscall {
    /// The process calls, made on the calling thread with real pids (``LinuxBackend``
    /// translates the model's). A `fork` is made by its ``ForkPlan`` instead.
    func performProcessCall() -> RealResult {
      switch self {
      case .exitGroup(let status):
        // glibc's _exit is exit_group(2): every thread of the host ends with this one.
        _exit(status)
      case .wait4(let pid):
        var status: Int32 = 0
        let value = Glibc.wait4(pid, &status, 0, nil)
        var result = RealResult.returning(Int64(value))
        if value > 0 { result.waitStatus = status }
        return result
      case .killProcess(let pid, let signal):
        return .returning(Int64(Glibc.kill(pid, signal.rawValue)))
      case .setuid(let uid):
        // glibc's setuid, as a C program calling setuid() gets: it changes the credentials
        // of every thread of the process (the raw system call changes the caller's only;
        // glibc makes the others follow with a signal, nptl's setxid broadcast).
        return .returning(Int64(Glibc.setuid(uid)))
      case .setgid(let gid):
        // glibc's, for every thread, as setuid.
        return .returning(Int64(Glibc.setgid(gid)))
      case .setrlimitNofile(let limit):
        // glibc's setrlimit is prlimit64(0, …): the whole process's limit.
        var real = rlimit(rlim_cur: rlim_t(limit.cur), rlim_max: rlim_t(limit.max))
        return .returning(Int64(Glibc.setrlimit(__rlimit_resource_t(RLIMIT_NOFILE.rawValue), &real)))
      default:
        return RealResult(value: -1, errno: ENOSYS, timeval: nil)
      }
    }
  }

  /// What a `fork` needs besides the call, made by the driver and carried out by the forking
  /// thread: the child execs sockscript as its host (``ProcessHost``), which serves the
  /// child's calls. Only the forking thread survives a fork of a multithreaded process, and
  /// it may not allocate (another thread may have held malloc's or the runtime's locks), so
  /// the child only clears FD_CLOEXEC and execs, with everything built before the fork.
  struct ForkPlan: Codable, Sendable {
    /// The program the child runs: sockscript (`/proc/self/exe`).
    let executable: String
    /// The child's end of its control channel, in the forking process.
    var control: Int32
    /// A host closes its copy once the child has one; the driver closes its own.
    var closesControl = false
    /// sockscript's pid: a child of sockscript (not a grandchild) dies with it.
    let driver: pid_t
    /// The forking process's scenario descriptors (real numbers): the child keeps them and
    /// closes whatever else it inherited.
    let keep: [Int32]
    /// Their script numbers, in the same order: the child's host moves them there.
    let numbers: [Int32]
    /// The kernel's jiffy, for the host's actor threads.
    let jiffy: Int64
    /// The forking process ignores SIGPIPE (`ignore SIGPIPE`), and so will the child.
    let ignoresSIGPIPE: Bool

    func perform() -> RealResult {
      // The descriptors exec would close: the host marks them again.
      let cloexec = keep.filter { fcntl($0, F_GETFD) & Glibc.FD_CLOEXEC != 0 }
      let arguments = ProcessHost.arguments(
        control: control, jiffy: jiffy, driver: driver, keep: keep, numbers: numbers, cloexec: cloexec,
        ignoresSIGPIPE: ignoresSIGPIPE)
      let path = strdup(executable)
      let argv = UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>.allocate(capacity: arguments.count + 1)
      for (i, argument) in arguments.enumerated() { argv[i] = strdup(argument) }
      argv[arguments.count] = nil
      let marked = UnsafeMutablePointer<Int32>.allocate(capacity: max(1, cloexec.count))
      for (i, fd) in cloexec.enumerated() { marked[i] = fd }
      defer {
        free(path)
        for i in 0..<arguments.count { free(argv[i]) }
        argv.deallocate()
        marked.deallocate()
      }
      let entered = GNU.monotonicNow()
      let coarse = CallClock.coarseNow()
      let pid = fork()
      if pid == 0 { Self.execHost(path: path!, argv: argv, control: control, marked: marked, count: cloexec.count) }
      var result = RealResult.returning(Int64(pid))
      if closesControl { close(control) }
      result.syscallSpan = SyscallSpan(entered: entered, coarse: coarse, returned: GNU.monotonicNow())
      return result
    }

    /// In the child: async-signal-safe calls only.
    private static func execHost(
      path: UnsafeMutablePointer<CChar>, argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>, control: Int32,
      marked: UnsafeMutablePointer<Int32>, count: Int
    ) -> Never {
      _ = fcntl(control, F_SETFD, 0)
      var i = 0
      while i < count {
        _ = fcntl(marked[i], F_SETFD, 0)
        i += 1
      }
      execve(path, argv, environ)
      _exit(127)
    }
  }
#endif

#if canImport(Glibc)
  extension Syscall {
    /// The same call on descriptor `fd`, for the calls that sleep with a socket timeout.
    func onDescriptor(_ fd: Int32) -> Syscall {
      switch self {
      case .connect(_, let address): .connect(fd: fd, address: address)
      case .accept(_, let flags): .accept(fd: fd, flags: flags)
      case .send(_, let data, let flags, let address): .send(fd: fd, data: data, flags: flags, address: address)
      case .recv(_, let length, let flags): .recv(fd: fd, length: length, flags: flags)
      case .sendmsg(_, let message): .sendmsg(fd: fd, message: message)
      case .recvmsg(_, let request): .recvmsg(fd: fd, request: request)
      case .sendmmsg(_, let messages, let flags): .sendmmsg(fd: fd, messages: messages, flags: flags)
      case .recvmmsg(_, let requests, let flags, let timeout):
        .recvmmsg(fd: fd, requests: requests, flags: flags, timeout: timeout)
      default: self
      }
    }
  }
#endif
