#if canImport(Glibc)
  import Glibc
  import SockLinux
  import SyscallVocabulary

  /// An epoll event loop on the real kernel, as the `eventloop` script runs it: `clients`
  /// connections to one listener, their accepted ends watched by one instance; each turn
  /// every client sends a byte, and the one thread takes them with an `epoll_wait`
  /// (timeout 0) and a recv per event. Without `clients`, one socket pair with `idle` more
  /// pairs watched and never ready (the growth row's), one send and one recv a turn.
  enum KernelEventLoop {
    static func run(_ n: Int, clients: Int? = nil, idle: Int = 0) throws(Unmeasured) -> Measurement {
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
      var senders: [Int32] = []
      if let clients {
        let scratch = try ScratchDirectory()
        let address = scratch.address("server.sock")
        let listener = try NativeSocket.listener(at: address, backlog: Int32(clients))
        opened.append(listener)
        for _ in 0..<clients {
          let client = try NativeSocket.stream()
          opened.append(client)
          try NativeSocket.connect(client, to: address)
          let served = try NativeSocket.accept(listener)
          opened.append(served)
          try add(served)
          senders.append(client)
        }
      } else {
        let (client, server) = try NativeSocket.pair()
        opened += [client, server]
        try add(server)
        senders = [client]
      }
      let perTurn = senders.count
      let turns = max(1, n / perTurn)
      var byte: UInt8 = 0x78
      var events = [UInt8](repeating: 0, count: perTurn * Syscall.epollEventSize)
      var failure: Unmeasured?
      let time = Duration.timing {
        for _ in 0..<turns {
          for client in senders where send(client, &byte, 1, Int32(MSG_DONTWAIT)) != 1 {
            failure = .failure("send: errno \(errno)")
            return
          }
          let ready = events.withUnsafeMutableBytes { Syscall.epollWaitCall(epfd, $0.baseAddress, Int32(perTurn), 0) }
          guard ready == perTurn else {
            failure = .failure("epoll_wait returned \(ready), not \(perTurn)")
            return
          }
          for i in 0..<perTurn {
            let fd = events.withUnsafeBytes {
              Int32(
                truncatingIfNeeded: $0.loadUnaligned(
                  fromByteOffset: i * Syscall.epollEventSize + Syscall.epollDataOffset, as: UInt64.self))
            }
            if recv(fd, &byte, 1, Int32(MSG_DONTWAIT)) != 1 {
              failure = .failure("recv: errno \(errno)")
              return
            }
          }
        }
      }
      if let failure { throw failure }
      return Measurement(operations: turns * perTurn, total: time)
    }
  }
#endif
