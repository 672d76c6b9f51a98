import SyscallVocabulary

#if canImport(Glibc)
  import Glibc

  extension Syscall {
    /// The socket option holding the timeout this call would sleep with (`sock_sndtimeo`,
    /// `sock_rcvtimeo`), on its real descriptor; nil for calls that do not sleep with one.
    private var socketTimeoutOption: (fd: Int32, option: Int32)? {
      switch self {
      case .connect(let descriptor, _), .send(let descriptor, _, _, _), .write(let descriptor, _),
        .sendmsg(let descriptor, _), .sendmmsg(let descriptor, _, _):
        (descriptor, SO_SNDTIMEO)
      case .accept(let descriptor, _), .recv(let descriptor, _, _), .read(let descriptor, _),
        .recvmsg(let descriptor, _), .recvmmsg(let descriptor, _, _, _):
        (descriptor, SO_RCVTIMEO)
      default: nil
      }
    }

    /// The socket timeout read back from the kernel; nil when there is none to read.
    private func socketTimeout() -> timeval? {
      guard let (fd, option) = socketTimeoutOption else { return nil }
      var tv = timeval()
      var length = socklen_t(MemoryLayout<timeval>.size)
      guard getsockopt(fd, SOL_SOCKET, option, &tv, &length) == 0 else { return nil }
      return tv
    }

    /// True when a sleep in this call has no timeout (0 is MAX_SCHEDULE_TIMEOUT): only a
    /// wake-up can end it.
    var sleepsWithoutTimeout: Bool {
      switch self {
      case .poll(_, let timeoutMs), .epollWait(_, _, let timeoutMs), .epollPwait(_, _, let timeoutMs, _):
        return timeoutMs < 0
      case .ppoll(_, let timeout, _): return timeout == nil
      case .select(let request): return request.timeout == nil
      default: break
      }
      if case .wait4 = self { return true }
      guard let tv = socketTimeout() else { return false }
      return tv.tv_sec == 0 && tv.tv_usec == 0
    }

    /// True when a sleep in this call would arm a timer in jiffies (`schedule_timeout`): a
    /// socket timeout is set. A `poll` timeout is a high-resolution timer instead.
    var mayArmJiffyTimeout: Bool {
      guard let tv = socketTimeout() else { return false }
      return tv.tv_sec != 0 || tv.tv_usec != 0
    }
  }
#endif
