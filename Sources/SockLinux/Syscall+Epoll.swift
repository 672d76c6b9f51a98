#if canImport(Glibc)
  import Glibc
  import SyscallVocabulary

  /// epoll for real. Swift's Glibc module has no `sys/epoll.h`: the calls are looked up in
  /// libc, and `struct epoll_event` is laid out by hand: `__u32 events; __u64 data`, packed
  /// on x86_64 (12 bytes), naturally aligned elsewhere (16).
  extension Syscall {
    package typealias EpollCreate1 = @convention(c) (Int32) -> Int32
    package typealias EpollCtl = @convention(c) (Int32, Int32, Int32, UnsafeMutableRawPointer?) -> Int32
    package typealias EpollWait = @convention(c) (Int32, UnsafeMutableRawPointer?, Int32, Int32) -> Int32
    nonisolated(unsafe) package static let epollCreate1Call = GNU.lookup("epoll_create1", as: EpollCreate1.self)
    nonisolated(unsafe) package static let epollCtlCall = GNU.lookup("epoll_ctl", as: EpollCtl.self)
    nonisolated(unsafe) package static let epollWaitCall = GNU.lookup("epoll_wait", as: EpollWait.self)
    typealias EpollPwait = @convention(c) (Int32, UnsafeMutableRawPointer?, Int32, Int32, UnsafeRawPointer?) -> Int32
    nonisolated(unsafe) static let epollPwaitCall = GNU.lookup("epoll_pwait", as: EpollPwait.self)

    #if arch(x86_64)
      package static let epollEventSize = 12
      package static let epollDataOffset = 4
    #else
      package static let epollEventSize = 16
      package static let epollDataOffset = 8
    #endif

    /// `epoll_ctl(epfd, op, fd, &event)`; EPOLL_CTL_DEL passes NULL, as a C program may.
    static func performEpollCtl(_ epfd: Int32, _ op: EpollOp, _ fd: Int32, _ event: EpollEvent) -> RealResult {
      guard op != .EPOLL_CTL_DEL else { return .returning(Int64(epollCtlCall(epfd, op.rawValue, fd, nil))) }
      var bytes = [UInt8](repeating: 0, count: epollEventSize)
      return bytes.withUnsafeMutableBytes { raw in
        raw.storeBytes(of: event.events.rawValue, toByteOffset: 0, as: UInt32.self)
        raw.storeBytes(of: event.data, toByteOffset: epollDataOffset, as: UInt64.self)
        return .returning(Int64(epollCtlCall(epfd, op.rawValue, fd, raw.baseAddress)))
      }
    }

    /// `epoll_wait` (or, with a mask, `epoll_pwait`) into a buffer of `maxevents` events (a
    /// count the kernel refuses gets a buffer of one, which it never writes). The script's
    /// limits keep the watched descriptors far below the cap, so no more events than that
    /// can be ready.
    static func performEpollWait(
      _ epfd: Int32, maxevents: Int32, timeoutMs: Int32, sigmask: SigSet? = nil, pwait: Bool = false
    ) -> RealResult {
      let valid = maxevents > 0 && maxevents <= EP_MAX_EVENTS
      let room = valid ? min(Int(maxevents), 65536) : 1
      var bytes = [UInt8](repeating: 0, count: room * epollEventSize)
      let entered = GNU.monotonicNow()
      let coarse = CallClock.coarseNow()
      var mask = sigset(sigmask ?? [])
      let returned = bytes.withUnsafeMutableBytes { buffer in
        let count = valid ? Int32(room) : maxevents
        guard pwait else { return epollWaitCall(epfd, buffer.baseAddress, count, timeoutMs) }
        return withUnsafePointer(to: &mask) { pointer in
          epollPwaitCall(epfd, buffer.baseAddress, count, timeoutMs, sigmask == nil ? nil : UnsafeRawPointer(pointer))
        }
      }
      var result = RealResult.returning(Int64(returned))
      result.syscallSpan = SyscallSpan(entered: entered, coarse: coarse, returned: GNU.monotonicNow())
      if returned >= 0 {
        result.epollEvents = bytes.withUnsafeBytes { raw in
          (0..<Int(returned)).map { i in
            EpollEvent(
              events: PollMask(rawValue: raw.loadUnaligned(fromByteOffset: i * epollEventSize, as: UInt32.self)),
              data: raw.loadUnaligned(fromByteOffset: i * epollEventSize + epollDataOffset, as: UInt64.self))
          }
        }
      }
      return result
    }
  }
#endif
