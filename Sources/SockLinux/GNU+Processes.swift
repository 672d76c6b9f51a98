#if canImport(Glibc)
  import Glibc

  /// glibc's process calls that Swift cannot call directly (variadic in C, or newer than
  /// the headers Swift imports).
  extension GNU {
    typealias Prctl = @convention(c) (Int32, UInt, UInt, UInt, UInt) -> Int32
    typealias PidfdOpen = @convention(c) (pid_t, UInt32) -> Int32
    typealias PidfdSendSignal = @convention(c) (Int32, Int32, UnsafeMutableRawPointer?, UInt32) -> Int32
    typealias Ioctl = @convention(c) (Int32, UInt, UnsafeMutableRawPointer) -> Int32

    nonisolated(unsafe) static let prctl = lookup("prctl", as: Prctl.self)
    /// `pidfd_open(pid, 0)` (glibc 2.36): a descriptor that names the process itself, not
    /// its number, which the kernel may give to another process once it is reaped.
    nonisolated(unsafe) static let pidfdOpen = lookup("pidfd_open", as: PidfdOpen.self)
    typealias PidfdGetfd = @convention(c) (Int32, Int32, UInt32) -> Int32
    /// `pidfd_getfd(pidfd, fd, 0)` (glibc 2.36): a copy of another process's descriptor.
    nonisolated(unsafe) static let pidfdGetfd = lookup("pidfd_getfd", as: PidfdGetfd.self)
    nonisolated(unsafe) static let pidfdSendSignal = lookup("pidfd_send_signal", as: PidfdSendSignal.self)
    nonisolated(unsafe) static let ioctl = lookup("ioctl", as: Ioctl.self)

    static let PR_SET_PDEATHSIG: Int32 = 1
    static let PR_SET_NAME: Int32 = 15
    static let PR_SET_CHILD_SUBREAPER: Int32 = 36

    /// `PIDFD_GET_INFO`: `_IOWR(0xFF, 11, struct pidfd_info)` with the 64-byte first version.
    static let PIDFD_GET_INFO: UInt = 0xC040_FF0B
    /// `PIDFD_INFO_EXIT` (Linux 6.15): the exit status, kept once the process is reaped.
    static let PIDFD_INFO_EXIT: UInt64 = 1 << 3

    /// The wait status of the reaped process `pidfd` names (`PIDFD_INFO_EXIT`); nil while it
    /// is not reaped (pidfs records the status in release_task) or on an older kernel.
    static func reapedStatus(pidfd: Int32) -> Int32? {
      // struct pidfd_info: mask, cgroupid, then eleven __u32 (pid … fsgid) and exit_code.
      var info = [UInt64](repeating: 0, count: 8)
      info[0] = PIDFD_INFO_EXIT
      let r = info.withUnsafeMutableBytes { ioctl(pidfd, PIDFD_GET_INFO, $0.baseAddress!) }
      guard r == 0, info[0] & PIDFD_INFO_EXIT != 0 else { return nil }
      return Int32(truncatingIfNeeded: Int64(bitPattern: info[7] >> 32))
    }

    /// The wait status of `pid` while it is a zombie: the last field of `/proc/PID/stat`
    /// (`exit_code`, Linux 3.5), readable by any process that may inspect it, parent or not.
    static func zombieStatus(pid: pid_t) -> Int32? {
      let fd = open("/proc/\(pid)/stat", O_RDONLY | O_CLOEXEC)
      guard fd >= 0 else { return nil }
      defer { close(fd) }
      var buffer = [UInt8](repeating: 0, count: 2048)
      let n = read(fd, &buffer, buffer.count)
      guard n > 0, let paren = buffer[0..<n].lastIndex(of: UInt8(ascii: ")")) else { return nil }
      let fields = buffer[(paren + 1)..<n].split(whereSeparator: { $0 == UInt8(ascii: " ") || $0 == 10 })
      guard let state = fields.first, state.first == UInt8(ascii: "Z"), let last = fields.last else { return nil }
      return Int32(String(decoding: last, as: UTF8.self))
    }
  }
#endif
