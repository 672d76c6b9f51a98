#if canImport(Glibc)
  import Glibc
  import SockLinux
  import SyscallVocabulary

  /// An epoll event loop on the real kernel, as the `eventloop` script runs it: one client's
  /// 1-byte send, the `epoll_wait` (timeout 0) that reports the server end, its recv; `idle`
  /// more pairs watched by the same instance and never ready.
  enum KernelEventLoop {
    static func run(_ n: Int, idle: Int = 0) throws(Unmeasured) -> Measurement {
      let epfd = Syscall.epollCreate1Call(0)
      guard epfd >= 0 else { throw .failure("epoll_create1: errno \(errno)") }
      var opened: [Int32] = [epfd]
      defer { NativeSocket.closeAll(opened) }
      var event = [UInt8](repeating: 0, count: Syscall.epollEventSize)
      func add(_ fd: Int32) throws(Unmeasured) {
        let result = event.withUnsafeMutableBytes { raw in
          raw.storeBytes(of: PollMask.EPOLLIN.rawValue, toByteOffset: 0, as: UInt32.self)
          raw.storeBytes(of: UInt64(fd), toByteOffset: Syscall.epollDataOffset, as: UInt64.self)
          return Syscall.epollCtlCall(epfd, EpollOp.EPOLL_CTL_ADD.rawValue, fd, raw.baseAddress)
        }
        guard result == 0 else { throw .failure("epoll_ctl: errno \(errno)") }
      }
      for _ in 0..<idle {
        let (a, b) = try NativeSocket.pair()
        opened += [a, b]
        try add(b)
      }
      let (client, server) = try NativeSocket.pair()
      opened += [client, server]
      try add(server)
      var byte: UInt8 = 0x78
      var events = [UInt8](repeating: 0, count: 8 * Syscall.epollEventSize)
      var failure: Unmeasured?
      let time = Duration.timing {
        for _ in 0..<n {
          let sent = send(client, &byte, 1, Int32(MSG_DONTWAIT))
          let ready = events.withUnsafeMutableBytes { Syscall.epollWaitCall(epfd, $0.baseAddress, 8, 0) }
          let received = recv(server, &byte, 1, Int32(MSG_DONTWAIT))
          if sent != 1 || ready != 1 || received != 1 {
            failure = .failure("send returned \(sent), epoll_wait \(ready) and recv \(received), not 1")
            return
          }
        }
      }
      if let failure { throw failure }
      return Measurement(operations: n, total: time)
    }
  }
#endif
