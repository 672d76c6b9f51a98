#if canImport(Glibc)
  import Collections
  import Glibc
  import ScenarioLang
  import SockKernel
  import SyscallVocabulary

  /// From the script's calls to real ones: descriptors, paths and abstract names.
  extension LinuxBackend {

    /// The real call for a model call: the script's descriptors mapped to real ones, paths
    /// and abstract names moved into the sandbox.
    func translate(_ syscall: Syscall, reserving reserved: inout Int32?) -> Syscall {
      let real = { (fd: Int32) in self.descriptors.realDescriptor(fd) }
      switch syscall {
      case .socket:
        reserved = descriptors.reserve()
        return syscall
      case .bind(let fd, let address): return .bind(fd: real(fd), address: sandboxed(address))
      case .listen(let fd, let backlog): return .listen(fd: real(fd), backlog: backlog)
      case .connect(let fd, let address): return .connect(fd: real(fd), address: sandboxed(address))
      case .accept(let fd, let flags):
        let descriptor = real(fd)
        reserved = descriptors.reserve()
        return .accept(fd: descriptor, flags: flags)
      case .shutdown(let fd, let how): return .shutdown(fd: real(fd), how: how)
      case .close(let fd): return .close(fd: descriptors.close(fd) ?? -1)
      case .setTimeout(let fd, let option, let value, let optlen):
        return .setTimeout(fd: real(fd), option: option, value: value, optlen: optlen)
      case .getTimeout(let fd, let option): return .getTimeout(fd: real(fd), option: option)
      case .setNonBlocking(let fd, let on): return .setNonBlocking(fd: real(fd), on: on)
      case .createFile(let path): return .createFile(path: sandboxed(path))
      case .mkdir(let path): return .mkdir(path: sandboxed(path))
      case .unlink(let path): return .unlink(path: sandboxed(path))
      case .socketpair:
        reserved = descriptors.reserve()
        return syscall
      case .send(let fd, let data, let flags, let address):
        return .send(fd: real(fd), data: data, flags: flags, address: address.map(sandboxed))
      case .recv(let fd, let length, let flags): return .recv(fd: real(fd), length: length, flags: flags)
      case .sendmsg(let fd, var message):
        message.rights = message.rights.map(real)
        if let pid = message.credentials?.pid { message.credentials?.pid = realPid(pid) }
        message.address = message.address.map(sandboxed)
        return .sendmsg(fd: real(fd), message: message)
      case .recvmsg(let fd, let request): return .recvmsg(fd: real(fd), request: request)
      case .sendmmsg(let fd, let messages, let flags):
        let moved = messages.map { message in
          var moved = message
          moved.address = message.address.map(sandboxed)
          return moved
        }
        return .sendmmsg(fd: real(fd), messages: moved, flags: flags)
      case .recvmmsg(let fd, let requests, let flags, let timeout):
        return .recvmmsg(fd: real(fd), requests: requests, flags: flags, timeout: timeout)
      case .setIntOption(let fd, let option, let value, let optlen):
        return .setIntOption(fd: real(fd), option: option, value: value, optlen: optlen)
      case .getIntOption(let fd, let option, let optlen):
        return .getIntOption(fd: real(fd), option: option, optlen: optlen)
      case .getName(let fd, let peer): return .getName(fd: real(fd), peer: peer)
      case .getPeerCred(let fd): return .getPeerCred(fd: real(fd))
      case .poll(let fds, let timeoutMs):
        return .poll(fds: fds.map { PollRequest(fd: real($0.fd), events: $0.events) }, timeoutMs: timeoutMs)
      case .ppoll(let fds, let timeout, let sigmask):
        return .ppoll(
          fds: fds.map { PollRequest(fd: real($0.fd), events: $0.events) }, timeout: timeout, sigmask: sigmask)
      case .select(let request):
        return .select(request.mapDescriptors(real))
      case .sigprocmask: return syscall
      case .sysctl: return syscall
      case .fork, .exitGroup, .wait4, .killProcess, .setuid, .setgid, .setrlimitNofile:
        return translateProcessCall(syscall)
      case .nanosleep, .execve: return syscall
      case .kill(let task, let signal):
        // The real call needs the thread's id, which only the backend knows.
        let tid = tasks[task.rawValue].thread?.tid ?? -1
        return .kill(task: TaskID(rawValue: Int(tid)), signal: signal)
      case .dup(let fd):
        reserved = descriptors.reserve()
        return .dup(fd: real(fd))
      case .dup2(let fd, let newfd):
        if fd == newfd { return .dup2(fd: real(fd), newfd: real(fd)) }
        return translateDup3(fd, newfd, flags: 0, reserving: &reserved)
      case .open(let path):
        reserved = descriptors.reserve()
        return .open(path: sandboxed(path))
      case .read(let fd, let length): return .read(fd: real(fd), length: length)
      case .write(let fd, let data): return .write(fd: real(fd), data: data)
      case .ioctl(let fd, let request): return .ioctl(fd: real(fd), request: request)
      case .epollCreate:
        reserved = descriptors.reserve()
        return syscall
      case .epollCtl(let epfd, let op, let fd, let event):
        // The data is the script's to choose (by default its own descriptor number): opaque
        // to the kernel, it comes back as it went.
        return .epollCtl(epfd: real(epfd), op: op, fd: real(fd), event: event)
      case .epollWait(let epfd, let maxevents, let timeoutMs):
        return .epollWait(epfd: real(epfd), maxevents: maxevents, timeoutMs: timeoutMs)
      case .epollPwait(let epfd, let maxevents, let timeoutMs, let sigmask):
        return .epollPwait(epfd: real(epfd), maxevents: maxevents, timeoutMs: timeoutMs, sigmask: sigmask)
      case .fcntl(let fd, .F_SETOWN, let pid):
        return .fcntl(fd: real(fd), command: .F_SETOWN, arg: pid == 0 ? 0 : realPid(pid))
      case .fcntl(let fd, .F_SETOWN_EX, let task):
        // The owner is a thread, which only the backend knows by its id; one that has made
        // no call yet exists in the script all the same, so it is started now.
        let owner = tasks[Int(task)]
        if owner.thread == nil, !owner.endedByExec {
          let thread = makeThread(for: owner)
          if thread.start() == nil { owner.thread = thread }
        }
        let tid = owner.thread?.tid ?? Int32.max
        return .fcntl(fd: real(fd), command: .F_SETOWN_EX, arg: tid)
      case .fcntl(let fd, let command, let arg):
        guard command == .F_DUPFD || command == .F_DUPFD_CLOEXEC else {
          return .fcntl(fd: real(fd), command: command, arg: arg)
        }
        // The script's number is the lowest free at or above `arg`; the real one any free.
        // An `arg` the model's RLIMIT_NOFILE refuses becomes one every real limit refuses.
        guard UInt64(UInt32(bitPattern: arg)) < descriptors.numberLimit else {
          return .fcntl(fd: real(fd), command: command, arg: Int32.max)
        }
        reserved = descriptors.reserve(atLeast: arg)
        return .fcntl(fd: real(fd), command: command, arg: 0)
      case .dup3(let fd, let newfd, let flags):
        if fd == newfd || flags & ~SyscallVocabulary.O_CLOEXEC != 0 {
          // EINVAL before anything is looked up: the same call with real numbers.
          return .dup3(fd: real(fd), newfd: real(fd), flags: flags)
        }
        return translateDup3(fd, newfd, flags: flags, reserving: &reserved)
      }
    }

    /// `dup2`/`dup3` onto a script number: onto its real descriptor when it is open; when it
    /// is not, the number is reserved and the real call becomes `dup` (`fcntl(F_DUPFD_CLOEXEC)`
    /// for O_CLOEXEC), which picks a real number the backend is not using; a number the
    /// model's RLIMIT_NOFILE refuses becomes one every real limit refuses, for the same EBADF.
    func translateDup3(_ fd: Int32, _ newfd: Int32, flags: Int32, reserving reserved: inout Int32?) -> Syscall {
      let old = descriptors.realDescriptor(fd)
      if descriptors.isOpen(newfd) {
        return .dup3(fd: old, newfd: descriptors.realDescriptor(newfd), flags: flags)
      }
      guard UInt64(UInt32(bitPattern: newfd)) < descriptors.numberLimit, descriptors.reserve(exactly: newfd)
      else { return .dup3(fd: old, newfd: Int32.max, flags: flags) }
      reserved = newfd
      if flags & SyscallVocabulary.O_CLOEXEC != 0 { return .fcntl(fd: old, command: .F_DUPFD_CLOEXEC, arg: 0) }
      return .dup(fd: old)
    }

    /// Absolute paths are taken from the sandbox's root (the model's tasks all work in `/`);
    /// abstract names get the run's prefix when there is no private namespace.
    func sandboxed(_ address: SockAddrUn) -> SockAddrUn {
      var moved = address
      if address.isAbstract {
        // A name the kernel chose at an autobind is already the run's own.
        guard !sandbox.abstractPrefix.isEmpty, !autoboundNames.contains(address.path) else { return address }
        moved.path = [0] + sandbox.abstractPrefix + address.path.dropFirst()
        moved.length += Int32(sandbox.abstractPrefix.count)
      } else {
        let slashes = address.path.prefix { $0 == UInt8(ascii: "/") }.count
        guard slashes > 0 else { return address }
        moved.path = Array(address.path.dropFirst(slashes))
        moved.length -= Int32(slashes)
        absolutePaths[moved.path.prefix { $0 != 0 } + [0]] = address
      }
      return moved
    }

    /// A sender's address as the script knows it: without the run's abstract prefix.
    func unsandboxed(_ address: SockAddrUn) -> SockAddrUn {
      let prefix = sandbox.abstractPrefix
      guard address.isAbstract, !prefix.isEmpty, address.path.dropFirst().starts(with: prefix) else { return address }
      var moved = address
      moved.path = [0] + address.path.dropFirst(1 + prefix.count)
      moved.length -= Int32(prefix.count)
      return moved
    }

    /// A name `getsockname` or `getpeername` returned, as the script knows it: an abstract
    /// one without the run's prefix, a path the sandbox made relative with its slashes back.
    func unsandboxedName(_ address: SockAddrUn) -> SockAddrUn {
      if address.isAbstract && !address.path.dropFirst().starts(with: sandbox.abstractPrefix) {
        // Not a name the script gave: one the kernel chose at an autobind.
        autoboundNames.insert(address.path)
      }
      guard !address.isAbstract else { return unsandboxed(address) }
      guard let original = absolutePaths[address.path] else { return address }
      return SockAddrUn(path: original.path.prefix { $0 != 0 } + [0], length: original.length)
    }

    func sandboxed(_ path: String) -> String {
      path.hasPrefix("/") ? String(path.drop { $0 == "/" }) : path
    }
  }
#endif
