#if canImport(Glibc)
  import Glibc
  import SockKernel

  /// The running kernel's CONFIG_HZ, measured: SO_SNDTIMEO of 1 µs is rounded up to one
  /// jiffy, and reading it back gives the jiffy's length in microseconds.
  enum KernelHZ {
    static func detect() -> Int64? {
      let fd = socket(AF_UNIX, Int32(SOCK_STREAM.rawValue), 0)
      guard fd >= 0 else { return nil }
      defer { close(fd) }
      var set = timeval(tv_sec: 0, tv_usec: 1)
      guard setsockopt(fd, SOL_SOCKET, SO_SNDTIMEO, &set, socklen_t(MemoryLayout<timeval>.size)) == 0 else {
        return nil
      }
      var read = timeval()
      var length = socklen_t(MemoryLayout<timeval>.size)
      guard getsockopt(fd, SOL_SOCKET, SO_SNDTIMEO, &read, &length) == 0 else { return nil }
      let jiffy = Int64(read.tv_sec) * 1_000_000 + Int64(read.tv_usec)
      guard jiffy > 0 else { return nil }
      // A rate the model cannot take would make every comparison with it meaningless.
      let hz = (1_000_000 + jiffy / 2) / jiffy
      return KernelConfig.hzRange.contains(hz) ? hz : nil
    }
  }
#endif
