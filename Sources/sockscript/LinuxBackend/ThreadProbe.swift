#if canImport(Glibc)
  import Glibc

  /// Reads whether a thread sleeps inside a given system call, from
  /// `/proc/self/task/TID/syscall`: the kernel prints the call's number there while the
  /// thread is not running, and `running` while it runs. This tells a thread asleep in
  /// `connect` from one waiting for its next job (which sleeps in `futex`).
  enum ThreadProbe {
    static func isSleeping(tid: pid_t, inSyscall number: Int) -> Bool {
      let fd = open("/proc/self/task/\(tid)/syscall", O_RDONLY | O_CLOEXEC)
      guard fd >= 0 else { return false }
      defer { close(fd) }
      var buffer = [UInt8](repeating: 0, count: 32)
      let n = read(fd, &buffer, buffer.count)
      guard n > 0 else { return false }
      let first = buffer[0..<n].prefix { $0 != UInt8(ascii: " ") && $0 != UInt8(ascii: "\n") }
      return Int(String(decoding: first, as: UTF8.self)) == number
    }
  }
#endif
