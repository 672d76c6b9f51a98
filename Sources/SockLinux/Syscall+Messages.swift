#if canImport(Glibc)
  import Glibc
  import SyscallVocabulary

  /// `sendmsg` and `recvmsg` for real: the `struct msghdr` built from the model's call, with
  /// its iovecs and its control buffer laid out as the kernel reads them (`struct cmsghdr`
  /// is 16 bytes on x86_64 and arm64, then the data, padded to 8).
  extension Syscall {
    /// `sendmsg(fd, &msg, flags)`: one iovec per piece of data, an SCM_RIGHTS message of
    /// `rights` when there are any.
    static func performSendmsg(_ fd: Int32, _ message: SendMessage) -> RealResult {
      var buffers = message.iov.map(\.materialized)
      var control = message.control
      let address = message.address.map(RawAddress.init)
      let entered = GNU.monotonicNow()
      let coarse = CallClock.coarseNow()
      var result = Self.withIovecs(&buffers) { iov, count in
        control.withUnsafeMutableBytes { controlBytes in
          Self.withName(address) { name, nameLength in
            var header = msghdr()
            header.msg_name = name
            header.msg_namelen = nameLength
            header.msg_iov = iov
            header.msg_iovlen = count
            header.msg_control = controlBytes.count == 0 ? nil : controlBytes.baseAddress
            header.msg_controllen = controlBytes.count
            return RealResult.returning(Int64(Glibc.sendmsg(fd, &header, message.flags.rawValue)))
          }
        }
      }
      result.syscallSpan = SyscallSpan(entered: entered, coarse: coarse, returned: GNU.monotonicNow())
      if result.value == -1 && result.errno == EPIPE && Self.takePendingSIGPIPE() { result.raised = .SIGPIPE }
      return result
    }

    /// `recvmsg(fd, &msg, flags)` with the buffers the request asks for; what came back:
    /// the data, the sender's name, `msg_flags`, `msg_controllen`, and the descriptors of
    /// any SCM_RIGHTS message (with the inode of each socket among them).
    static func performRecvmsg(_ fd: Int32, _ request: ReceiveRequest) -> RealResult {
      var buffers = request.iov.map { [UInt8](repeating: 0, count: $0) }
      var control = [UInt8](repeating: 0, count: request.controlLength)
      var name = sockaddr_un()
      let entered = GNU.monotonicNow()
      let coarse = CallClock.coarseNow()
      var header = msghdr()
      var result = Self.withIovecs(&buffers) { iov, count in
        control.withUnsafeMutableBytes { controlBytes in
          withUnsafeMutablePointer(to: &name) { namePointer in
            header.msg_name = request.wantsName ? UnsafeMutableRawPointer(namePointer) : nil
            header.msg_namelen = request.wantsName ? socklen_t(MemoryLayout<sockaddr_un>.size) : 0
            header.msg_iov = iov
            header.msg_iovlen = count
            header.msg_control = controlBytes.count == 0 ? nil : controlBytes.baseAddress
            header.msg_controllen = controlBytes.count
            let r = RealResult.returning(Int64(Glibc.recvmsg(fd, &header, request.flags.rawValue)))
            header.msg_name = nil
            header.msg_iov = nil
            header.msg_control = nil
            return r
          }
        }
      }
      result.syscallSpan = SyscallSpan(entered: entered, coarse: coarse, returned: GNU.monotonicNow())
      guard result.value >= 0 else { return result }
      let copied = min(Int(result.value), request.length)
      result.data = Payload.read(Array(buffers.joined().prefix(copied)))
      if request.wantsName { result.sender = SockAddrUn(real: name, length: header.msg_namelen) }
      let (credentials, rights, pidfd, inq) = Self.receivedControl(control.prefix(Int(header.msg_controllen)))
      result.message = ReceivedMessage(
        flags: MessageFlags(rawValue: header.msg_flags), controlLength: Int(header.msg_controllen),
        credentials: credentials, rights: rights, rightsInodes: rights.map(Self.socketInode), pidfd: pidfd, inq: inq)
      return result
    }

    /// The credentials of a whole SCM_CREDENTIALS message and the descriptors of every
    /// SCM_RIGHTS message in the control data the kernel wrote.
    static func receivedControl(
      _ control: ArraySlice<UInt8>
    ) -> (credentials: PeerCred?, rights: [Int32], pidfd: Int32?, inq: Int32?) {
      let bytes = Array(control)
      let int32 = { (at: Int) in ControlMessage.int32(in: bytes, at: at) }
      var credentials: PeerCred?
      var fds: [Int32] = []
      var pidfd: Int32?
      var inq: Int32?
      var offset = 0
      while offset + ControlMessage.headerSize <= bytes.count {
        let length = ControlMessage.length(in: bytes, at: offset)
        guard length >= ControlMessage.headerSize, offset + length <= bytes.count else { break }
        let data = offset + ControlMessage.headerSize
        if int32(offset + 8) == SOL_SOCKET {
          switch int32(offset + 12) {
          case ControlMessage.SCM_RIGHTS:
            for at in stride(from: data, to: offset + length - 3, by: 4) { fds.append(int32(at)) }
          case ControlMessage.SCM_CREDENTIALS where length == ControlMessage.length(ControlMessage.ucredSize):
            credentials = PeerCred(
              pid: int32(data), uid: UInt32(bitPattern: int32(data + 4)), gid: UInt32(bitPattern: int32(data + 8)))
          case ControlMessage.SCM_PIDFD where length == ControlMessage.length(4):
            pidfd = int32(data)
          case ControlMessage.SCM_INQ where length == ControlMessage.length(4):
            inq = int32(data)
          default:
            break
          }
        }
        offset += ControlMessage.space(length - ControlMessage.headerSize)
      }
      return (credentials, fds, pidfd, inq)
    }

    /// The inode of the socket open on `fd`; nil for any other file.
    static func socketInode(_ fd: Int32) -> Int? {
      var status = stat()
      guard fstat(fd, &status) == 0, status.st_mode & S_IFMT == S_IFSOCK else { return nil }
      return Int(status.st_ino)
    }

    /// Calls `body` with an array of `struct iovec` over copies of `buffers`, and its
    /// count; what the call wrote into them is copied back.
    private static func withIovecs<T>(
      _ buffers: inout [[UInt8]], _ body: (UnsafeMutablePointer<iovec>, Int) -> T
    ) -> T {
      let memory = buffers.map { bytes -> UnsafeMutableRawBufferPointer in
        let raw = UnsafeMutableRawBufferPointer.allocate(byteCount: max(bytes.count, 1), alignment: 8)
        raw.copyBytes(from: bytes)
        return raw
      }
      defer { for raw in memory { raw.deallocate() } }
      var vectors = zip(memory, buffers).map { iovec(iov_base: $0.0.baseAddress, iov_len: $0.1.count) }
      let result = vectors.withUnsafeMutableBufferPointer { body($0.baseAddress!, $0.count) }
      for i in buffers.indices { buffers[i] = Array(memory[i].prefix(buffers[i].count)) }
      return result
    }

    /// Calls `body` with the address's `sockaddr` and length, or NULL and 0.
    private static func withName<T>(_ address: RawAddress?, _ body: (UnsafeMutableRawPointer?, socklen_t) -> T) -> T {
      guard var address else { return body(nil, 0) }
      let length = address.length
      return address.bytes.withUnsafeMutableBytes { body($0.baseAddress, length) }
    }
  }
#endif
