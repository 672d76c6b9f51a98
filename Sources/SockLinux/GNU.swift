#if canImport(Glibc)
  import Glibc

  /// glibc functions that Swift's Glibc module hides behind `_GNU_SOURCE`, looked up by name.
  package enum GNU {
    nonisolated(unsafe) static let handle = dlopen(nil, RTLD_NOW)

    static func lookup<F>(_ name: String, as type: F.Type) -> F {
      guard let symbol = dlsym(handle, name) else { fatalError("glibc has no \(name)") }
      return unsafeBitCast(symbol, to: type)
    }

    typealias Accept4 =
      @convention(c) (
        Int32, UnsafeMutablePointer<sockaddr>?, UnsafeMutablePointer<socklen_t>?, Int32
      ) -> Int32
    package typealias Unshare = @convention(c) (Int32) -> Int32
    package typealias Setns = @convention(c) (Int32, Int32) -> Int32

    nonisolated(unsafe) static let accept4 = lookup("accept4", as: Accept4.self)
    nonisolated(unsafe) package static let unshare = lookup("unshare", as: Unshare.self)
    nonisolated(unsafe) package static let setns = lookup("setns", as: Setns.self)

    typealias Tgkill = @convention(c) (pid_t, pid_t, Int32) -> Int32
    /// `tgkill(tgid, tid, sig)`: a signal to one thread (glibc 2.30+).
    nonisolated(unsafe) static let tgkill = lookup("tgkill", as: Tgkill.self)

    typealias Dup3 = @convention(c) (Int32, Int32, Int32) -> Int32
    /// `dup3(oldfd, newfd, flags)`.
    nonisolated(unsafe) static let dup3 = lookup("dup3", as: Dup3.self)

    /// `CLONE_NEWNET`: a private network namespace, which holds the abstract socket names.
    package static let CLONE_NEWNET: Int32 = 0x4000_0000

    /// The calling thread's id (`gettid()`), read from `/proc/thread-self`.
    static func threadID() -> pid_t {
      var buffer = [CChar](repeating: 0, count: 64)
      let n = readlink("/proc/thread-self", &buffer, buffer.count - 1)
      guard n > 0 else { return -1 }
      let link = String(decoding: buffer[0..<n].map { UInt8(bitPattern: $0) }, as: UTF8.self)
      return pid_t(link.split(separator: "/").last ?? "") ?? -1
    }

    /// CLOCK_MONOTONIC in nanoseconds.
    static func monotonicNow() -> Int64 {
      var ts = timespec()
      clock_gettime(CLOCK_MONOTONIC, &ts)
      return Int64(ts.tv_sec) * 1_000_000_000 + Int64(ts.tv_nsec)
    }
  }
#endif
