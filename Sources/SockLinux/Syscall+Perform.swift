#if canImport(Glibc)
  import Glibc
  import SyscallVocabulary

  /// A model call made for real: the same `Syscall`, carrying real descriptors and the
  /// sandbox's addresses (``LinuxBackend`` translates them).
  extension Syscall {
    /// The number `/proc/TID/syscall` shows while the thread sleeps in this call; only the
    /// calls that can sleep on a socket need one.
    var sleepingSyscallNumber: Int? {
      switch self {
      #if arch(x86_64)
        case .connect: 42
        case .accept: 288
        case .send: 44
        case .recv: 45
        case .sendmsg: 46
        case .recvmsg: 47
        case .sendmmsg: 307
        case .recvmmsg: 299
        case .read: 0
        case .write: 1
        case .poll: 7
        case .ppoll: 271
        // glibc's select is pselect6 (measured: /proc/TID/syscall shows 270 for both).
        case .select: 270
        case .epollWait: 232
        case .epollPwait: 281
        case .nanosleep: 230
        case .wait4: 61
      #elseif arch(arm64)
        case .connect: 203
        case .accept: 242
        case .nanosleep: 115
        case .send: 206
        case .recv: 207
        case .sendmsg: 211
        case .recvmsg: 212
        case .sendmmsg: 269
        case .recvmmsg: 243
        case .read: 63
        case .write: 64
        case .poll: 73
        case .ppoll: 73
        case .select: 72
        case .epollPwait: 22
        // glibc's epoll_wait is epoll_pwait here, which has no epoll_wait of its own.
        case .epollWait: 22
        case .wait4: 260
      #endif
      default: nil
      }
    }

    /// Makes the call on the calling thread.
    func perform() -> RealResult {
      switch self {
      case .socket(let type, let proto, let flags):
        var result = RealResult.returning(Int64(Glibc.socket(Glibc.AF_UNIX, type.rawValue | flags, proto)))
        if result.value >= 0 { result.inode = Self.socketInode(Int32(result.value)) }
        return result
      case .bind(let fd, let address):
        var result = RawAddress(address).withSockaddr { RealResult.returning(Int64(Glibc.bind(fd, $0, $1))) }
        // An autobind: the name the kernel chose, read back as the model reports it.
        if address.length == 2 && result.errno == 0 {
          result.name = Syscall.getName(fd: fd, peer: false).perform().name
        }
        return result
      case .listen(let fd, let backlog):
        return .returning(Int64(Glibc.listen(fd, backlog)))
      case .connect(let fd, let address):
        return RawAddress(address).withSockaddr { .returning(Int64(Glibc.connect(fd, $0, $1))) }
      case .accept(let fd, let flags):
        var result = RealResult.returning(Int64(GNU.accept4(fd, nil, nil, flags)))
        if result.value >= 0 { result.inode = Self.socketInode(Int32(result.value)) }
        return result
      case .shutdown(let fd, let how):
        return .returning(Int64(Glibc.shutdown(fd, how)))
      case .close(let fd):
        return .returning(Int64(Glibc.close(fd)))
      case .setTimeout(let fd, let option, let value, let optlen):
        // The kernel reads sizeof(struct timeval) whatever the optlen, once optlen is big enough.
        var buffer = [UInt8](repeating: 0, count: max(16, Int(min(max(optlen, 0), 4096))))
        withUnsafeBytes(of: value.seconds.littleEndian) { buffer.replaceSubrange(0..<8, with: $0) }
        withUnsafeBytes(of: value.microseconds.littleEndian) { buffer.replaceSubrange(8..<16, with: $0) }
        let r = Glibc.setsockopt(fd, SOL_SOCKET, option.number, buffer, socklen_t(bitPattern: optlen))
        return .returning(Int64(r))
      case .getTimeout(let fd, let option):
        var tv = timeval()
        var length = socklen_t(MemoryLayout<timeval>.size)
        let r = Glibc.getsockopt(fd, SOL_SOCKET, option.number, &tv, &length)
        var result = RealResult.returning(Int64(r))
        if r == 0 { result.timeval = Timeval(seconds: Int64(tv.tv_sec), microseconds: Int64(tv.tv_usec)) }
        return result
      case .setNonBlocking(let fd, let on):
        return .returning(Int64(Glibc.fcntl(fd, F_SETFL, on ? Glibc.O_RDWR | Glibc.O_NONBLOCK : Glibc.O_RDWR)))
      case .createFile(let path):
        return .returning(Int64(Glibc.mknod(path, S_IFREG | 0o644, 0)))
      case .mkdir(let path):
        return .returning(Int64(Glibc.mkdir(path, 0o755)))
      case .unlink(let path):
        return .returning(Int64(Glibc.unlink(path)))
      case .socketpair(let type, let flags):
        var fds: [Int32] = [-1, -1]
        var result = RealResult.returning(Int64(Glibc.socketpair(Glibc.AF_UNIX, type.rawValue | flags, 0, &fds)))
        if result.errno == 0 {
          result.pair = (fds[0], fds[1])
          result.pairInodes = (Self.socketInode(fds[0]) ?? -1, Self.socketInode(fds[1]) ?? -1)
        }
        return result
      case .send(let fd, let data, let flags, let address):
        let bytes = data.materialized
        let entered = GNU.monotonicNow()
        let coarse = CallClock.coarseNow()
        var result = bytes.withUnsafeBytes { buffer -> RealResult in
          if let address {
            return RawAddress(address).withSockaddr {
              .returning(Int64(Glibc.sendto(fd, buffer.baseAddress, buffer.count, flags.rawValue, $0, $1)))
            }
          }
          return .returning(Int64(Glibc.sendto(fd, buffer.baseAddress, buffer.count, flags.rawValue, nil, 0)))
        }
        result.syscallSpan = SyscallSpan(entered: entered, coarse: coarse, returned: GNU.monotonicNow())
        if result.value == -1 && result.errno == EPIPE && Self.takePendingSIGPIPE() { result.raised = .SIGPIPE }
        return result
      case .recv(let fd, let length, let flags):
        var buffer = [UInt8](repeating: 0, count: max(length, 1))
        var address = sockaddr_un()
        var addressLength = socklen_t(MemoryLayout<sockaddr_un>.size)
        let entered = GNU.monotonicNow()
        let coarse = CallClock.coarseNow()
        var result = buffer.withUnsafeMutableBytes { raw in
          withUnsafeMutablePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
              RealResult.returning(
                Int64(Glibc.recvfrom(fd, raw.baseAddress, length, flags.rawValue, $0, &addressLength)))
            }
          }
        }
        let count = Int(result.value)
        result.syscallSpan = SyscallSpan(entered: entered, coarse: coarse, returned: GNU.monotonicNow())
        if count >= 0 {
          // MSG_TRUNC returns the datagram's length, which may exceed what was copied.
          result.data = Payload.read(Array(buffer.prefix(min(count, length))))
          result.sender = SockAddrUn(real: address, length: addressLength)
        }
        return result
      case .sendmsg(let fd, let message):
        return Self.performSendmsg(fd, message)
      case .recvmsg(let fd, let request):
        return Self.performRecvmsg(fd, request)
      case .sendmmsg(let fd, let messages, let flags):
        return Self.performSendmmsg(fd, messages, flags: flags)
      case .recvmmsg(let fd, let requests, let flags, let timeout):
        return Self.performRecvmmsg(fd, requests, flags: flags, timeout: timeout)
      case .setIntOption(let fd, let option, let value, let optlen):
        // The kernel reads sizeof(int) whatever the length, once the length is big enough.
        var v = value
        let length = socklen_t(bitPattern: optlen)
        return .returning(Int64(Glibc.setsockopt(fd, SOL_SOCKET, option.number, &v, length)))
      case .getName(let fd, let peer):
        var address = sockaddr_un()
        var length = socklen_t(MemoryLayout<sockaddr_un>.size)
        var result = withUnsafeMutablePointer(to: &address) {
          $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
            RealResult.returning(Int64(peer ? Glibc.getpeername(fd, $0, &length) : Glibc.getsockname(fd, $0, &length)))
          }
        }
        if result.errno == 0 { result.name = SockAddrUn(name: address, length: length) }
        return result
      case .getPeerCred(let fd):
        // struct ucred { pid_t pid; uid_t uid; gid_t gid; } (Glibc hides it without _GNU_SOURCE).
        var cred: [UInt32] = [0, 0, 0]
        var length = socklen_t(12)
        var result = RealResult.returning(Int64(Glibc.getsockopt(fd, SOL_SOCKET, SO_PEERCRED, &cred, &length)))
        if result.errno == 0 {
          result.peerCred = PeerCred(pid: Int32(bitPattern: cred[0]), uid: cred[1], gid: cred[2])
        }
        return result
      case .getIntOption(let fd, let option, let optlen):
        // Room for any option's value: the kernel copies at most the length it is given,
        // which is capped to the buffer (an int option writes 4 bytes whatever the length).
        var buffer = [UInt8](repeating: 0, count: Self.optionBufferSize)
        var length = optlen < 0 ? socklen_t(bitPattern: optlen) : socklen_t(min(Int(optlen), buffer.count))
        var result = RealResult.returning(
          Int64(Glibc.getsockopt(fd, SOL_SOCKET, option.number, &buffer, &length)))
        if result.errno == 0 {
          result.optionValue = buffer.withUnsafeBytes { Int32(littleEndian: $0.loadUnaligned(as: Int32.self)) }
          result.optionLength = Int32(bitPattern: length)
        }
        return result
      case .poll(let fds, let timeoutMs):
        var entries = fds.map { pollfd(fd: $0.fd, events: Int16(truncatingIfNeeded: $0.events.rawValue), revents: 0) }
        var result = RealResult.returning(Int64(Glibc.poll(&entries, nfds_t(entries.count), timeoutMs)))
        if result.errno == 0 {
          result.revents = entries.map { PollMask(rawValue: UInt32(UInt16(bitPattern: $0.revents))) }
        }
        return result
      case .sysctl(let sysctl, let value):
        return Self.writeSysctl(sysctl, value)
      case .kill(let task, let signal):
        return .returning(Int64(GNU.tgkill(getpid(), Int32(task.rawValue), signal.rawValue)))
      case .dup(let fd):
        return .returning(Int64(Glibc.dup(fd)))
      case .dup2(let fd, let newfd):
        return .returning(Int64(Glibc.dup2(fd, newfd)))
      case .dup3(let fd, let newfd, let flags):
        return .returning(Int64(GNU.dup3(fd, newfd, flags)))
      case .open(let path):
        return .returning(Int64(Glibc.openat(AT_FDCWD, path, Glibc.O_RDONLY)))
      case .read(let fd, let length):
        var buffer = [UInt8](repeating: 0, count: max(length, 1))
        let entered = GNU.monotonicNow()
        let coarse = CallClock.coarseNow()
        var result = buffer.withUnsafeMutableBytes {
          RealResult.returning(Int64(Glibc.read(fd, $0.baseAddress, length)))
        }
        result.syscallSpan = SyscallSpan(entered: entered, coarse: coarse, returned: GNU.monotonicNow())
        if result.value >= 0 { result.data = Payload.read(Array(buffer.prefix(Int(result.value)))) }
        return result
      case .write(let fd, let data):
        let bytes = data.materialized
        let entered = GNU.monotonicNow()
        let coarse = CallClock.coarseNow()
        var result = bytes.withUnsafeBytes { RealResult.returning(Int64(Glibc.write(fd, $0.baseAddress, $0.count))) }
        result.syscallSpan = SyscallSpan(entered: entered, coarse: coarse, returned: GNU.monotonicNow())
        if result.value == -1 && result.errno == EPIPE && Self.takePendingSIGPIPE() { result.raised = .SIGPIPE }
        return result
      case .epollCreate(let flags):
        return .returning(Int64(Self.epollCreate1Call(flags)))
      case .epollCtl(let epfd, let op, let fd, let event):
        return Self.performEpollCtl(epfd, op, fd, event)
      case .epollWait(let epfd, let maxevents, let timeoutMs):
        return Self.performEpollWait(epfd, maxevents: maxevents, timeoutMs: timeoutMs)
      case .epollPwait(let epfd, let maxevents, let timeoutMs, let sigmask):
        return Self.performEpollWait(epfd, maxevents: maxevents, timeoutMs: timeoutMs, sigmask: sigmask, pwait: true)
      case .ppoll(let fds, let timeout, let sigmask):
        return Self.performPpoll(fds, timeout: timeout, sigmask: sigmask)
      case .select(let request):
        return Self.performSelect(request)
      case .sigprocmask(let how, let set):
        // The calling thread's mask, as rt_sigprocmask sets it (pthread_sigmask is that call).
        var signals = Self.sigset(set)
        return .returning(pthread_sigmask(how.rawValue, &signals, nil) == 0 ? 0 : -1)
      case .ioctl(let fd, let request):
        var value: Int32 = 0
        var result = RealResult.returning(Int64(Glibc.ioctl(fd, UInt(request.rawValue), &value)))
        if result.errno == 0 { result.optionValue = value }
        return result
      case .fcntl(let fd, .F_SETOWN_EX, let tid):
        // struct f_owner_ex { int type; pid_t pid; } with F_OWNER_TID (0).
        var owner: [Int32] = [0, tid]
        return .returning(Int64(Glibc.fcntl(fd, FcntlCommand.F_SETOWN_EX.rawValue, &owner)))
      case .fcntl(let fd, let command, let arg):
        var result = RealResult.returning(Int64(Glibc.fcntl(fd, command.rawValue, arg)))
        // What F_GETFD and F_GETFL return is what an `= [FLAGS]` expectation reads.
        if result.errno == 0, command == .F_GETFD || command == .F_GETFL { result.optionValue = Int32(result.value) }
        return result
      case .nanosleep(let duration):
        // glibc's sleep and nanosleep: clock_nanosleep on CLOCK_REALTIME, relative.
        var request = timespec(tv_sec: Int(duration / 1_000_000_000), tv_nsec: Int(duration % 1_000_000_000))
        let error = clock_nanosleep(CLOCK_REALTIME, 0, &request, nil)
        return RealResult(value: error == 0 ? 0 : -1, errno: error, timeval: nil)
      case .fork, .exitGroup, .wait4, .killProcess, .setuid, .setgid, .execve, .setrlimitNofile:
        return performProcessCall()
      }
    }

    /// Takes a SIGPIPE that the call just raised at this thread, where it is blocked.
    static func takePendingSIGPIPE() -> Bool {
      var pending = sigset_t()
      sigpending(&pending)
      guard sigismember(&pending, SIGPIPE) == 1 else { return false }
      var only = sigset_t()
      sigemptyset(&only)
      sigaddset(&only, SIGPIPE)
      var zero = timespec(tv_sec: 0, tv_nsec: 0)
      return sigtimedwait(&only, nil, &zero) == SIGPIPE
    }

    /// Writes the sysctl in this thread's network namespace. Only the per-namespace ones
    /// can be written without changing the host for everybody.
    static func writeSysctl(_ sysctl: Sysctl, _ value: Int64) -> RealResult {
      switch sysctl {
      case .somaxconn, .maxDgramQlen: break
      case .wmemDefault, .rmemDefault, .wmemMax, .rmemMax:
        return RealResult(value: -1, errno: EPERM, timeval: nil)
      }
      let fd = Glibc.open(sysctl.procPath, O_WRONLY)
      guard fd >= 0 else { return .returning(-1) }
      defer { Glibc.close(fd) }
      let text = Array("\(value)\n".utf8)
      let written = text.withUnsafeBytes { Glibc.write(fd, $0.baseAddress, $0.count) }
      return written == text.count ? .returning(0) : .returning(-1)
    }
  }

  extension SocketOption {
    /// The option's number in Linux's `SOL_SOCKET` level.
    var number: Int32 {
      switch self {
      case .SO_SNDTIMEO: Glibc.SO_SNDTIMEO
      case .SO_RCVTIMEO: Glibc.SO_RCVTIMEO
      }
    }
  }

  extension Syscall {
    /// The buffer a `getsockopt` reads into.
    static let optionBufferSize = 4096
  }

  /// The system call alone, without preparing its buffers: monotonic entry and return, and
  /// the coarse clock at entry (``CallClock``).
  struct SyscallSpan: Sendable {
    let entered: Int64
    let coarse: Int64
    let returned: Int64
  }

  /// A `struct sockaddr_un` as bytes, with the `addrlen` to pass.
  struct RawAddress: Sendable {
    var bytes: [UInt8]
    var length: socklen_t

    init(_ address: SockAddrUn) {
      // sun_family, then sun_path; room for all of sun_path whatever the caller filled.
      var bytes = [UInt8](repeating: 0, count: max(2 + UNIX_PATH_MAX, 2 + address.path.count))
      bytes[0] = UInt8(truncatingIfNeeded: address.family)
      bytes[1] = UInt8(truncatingIfNeeded: address.family >> 8)
      bytes.replaceSubrange(2..<(2 + address.path.count), with: address.path)
      self.bytes = bytes
      self.length = socklen_t(bitPattern: address.length)
    }

    func withSockaddr<T>(_ body: (UnsafePointer<sockaddr>, socklen_t) -> T) -> T {
      bytes.withUnsafeBytes { raw in
        body(raw.baseAddress!.assumingMemoryBound(to: sockaddr.self), length)
      }
    }
  }
#endif
