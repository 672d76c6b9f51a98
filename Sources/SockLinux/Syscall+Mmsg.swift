#if canImport(Glibc)
  import Glibc
  import SyscallVocabulary

  /// `sendmmsg` and `recvmmsg` for real: an array of `struct mmsghdr` (a `struct msghdr`
  /// and `msg_len`, 64 bytes apiece on x86_64 and arm64), each header over buffers of its
  /// own, all alive until the call returns.
  extension Syscall {
    typealias Sendmmsg = @convention(c) (Int32, UnsafeMutableRawPointer?, UInt32, Int32) -> Int32
    typealias Recvmmsg =
      @convention(c) (Int32, UnsafeMutableRawPointer?, UInt32, Int32, UnsafeMutablePointer<timespec>?) -> Int32
    nonisolated(unsafe) static let sendmmsgCall = GNU.lookup("sendmmsg", as: Sendmmsg.self)
    nonisolated(unsafe) static let recvmmsgCall = GNU.lookup("recvmmsg", as: Recvmmsg.self)

    /// `sizeof(struct mmsghdr)` and the offset of its `msg_len`.
    static let mmsghdrSize = MemoryLayout<msghdr>.stride + 8
    static let msgLenOffset = MemoryLayout<msghdr>.size

    /// `sendmmsg(fd, msgvec, vlen, flags)`; the `msg_len` of each message sent.
    static func performSendmmsg(_ fd: Int32, _ messages: [SendMessage], flags: MessageFlags) -> RealResult {
      let arena = MessageArena()
      defer { arena.release() }
      let vector = arena.bytes(mmsghdrSize * messages.count)
      for (i, message) in messages.enumerated() {
        var header = msghdr()
        let iov = arena.iovecs(message.iov.map(\.materialized))
        header.msg_iov = iov.base
        header.msg_iovlen = iov.count
        if let address = message.address {
          let raw = RawAddress(address)
          let name = arena.bytes(raw.bytes.count)
          name.copyBytes(from: raw.bytes)
          header.msg_name = name.baseAddress
          header.msg_namelen = raw.length
        }
        let control = message.control
        if !control.isEmpty {
          let buffer = arena.bytes(control.count)
          buffer.copyBytes(from: control)
          header.msg_control = buffer.baseAddress
          header.msg_controllen = control.count
        }
        (vector.baseAddress! + i * mmsghdrSize).storeBytes(of: header, as: msghdr.self)
      }
      let entered = GNU.monotonicNow()
      let coarse = CallClock.coarseNow()
      var result = RealResult.returning(
        Int64(sendmmsgCall(fd, vector.baseAddress, UInt32(messages.count), flags.rawValue)))
      result.syscallSpan = SyscallSpan(entered: entered, coarse: coarse, returned: GNU.monotonicNow())
      if result.value == -1 && result.errno == EPIPE && takePendingSIGPIPE() { result.raised = .SIGPIPE }
      if result.value >= 0 {
        result.batch = (0..<Int(result.value)).map { i in
          BatchEntry(length: Int(vector.load(fromByteOffset: i * mmsghdrSize + msgLenOffset, as: UInt32.self)))
        }
        // A send after the first that broke the pipe raised SIGPIPE all the same.
        if takePendingSIGPIPE() { result.raised = .SIGPIPE }
      }
      return result
    }

    /// `recvmmsg(fd, msgvec, vlen, flags, timeout)`; what each message received got.
    static func performRecvmmsg(
      _ fd: Int32, _ requests: [ReceiveRequest], flags: MessageFlags, timeout: Nanoseconds?
    ) -> RealResult {
      let arena = MessageArena()
      defer { arena.release() }
      let vector = arena.bytes(mmsghdrSize * requests.count)
      var buffers: [[UnsafeMutableRawBufferPointer]] = []
      var controls: [UnsafeMutableRawBufferPointer?] = []
      for (i, request) in requests.enumerated() {
        var header = msghdr()
        let iov = arena.iovecs(request.iov.map { [UInt8](repeating: 0, count: $0) })
        buffers.append(iov.buffers)
        header.msg_iov = iov.base
        header.msg_iovlen = iov.count
        if request.wantsName {
          header.msg_name = arena.bytes(MemoryLayout<sockaddr_un>.size).baseAddress
          header.msg_namelen = socklen_t(MemoryLayout<sockaddr_un>.size)
        }
        if request.controlLength > 0 {
          let control = arena.bytes(request.controlLength)
          controls.append(control)
          header.msg_control = control.baseAddress
          header.msg_controllen = request.controlLength
        } else {
          controls.append(nil)
        }
        (vector.baseAddress! + i * mmsghdrSize).storeBytes(of: header, as: msghdr.self)
      }
      var limit = timeout.map { timespec(tv_sec: Int($0 / 1_000_000_000), tv_nsec: Int($0 % 1_000_000_000)) }
      let entered = GNU.monotonicNow()
      let coarse = CallClock.coarseNow()
      let value: Int32 =
        limit == nil
        ? recvmmsgCall(fd, vector.baseAddress, UInt32(requests.count), flags.rawValue, nil)
        : recvmmsgCall(fd, vector.baseAddress, UInt32(requests.count), flags.rawValue, &limit!)
      var result = RealResult.returning(Int64(value))
      result.syscallSpan = SyscallSpan(entered: entered, coarse: coarse, returned: GNU.monotonicNow())
      guard value >= 0 else { return result }
      result.batch = (0..<Int(value)).map { i in
        let header = vector.load(fromByteOffset: i * mmsghdrSize, as: msghdr.self)
        let length = Int(vector.load(fromByteOffset: i * mmsghdrSize + msgLenOffset, as: UInt32.self))
        let copied = min(length, requests[i].length)
        let bytes = Array(buffers[i].flatMap { Array($0) }.prefix(copied))
        var sender: SockAddrUn?
        if requests[i].wantsName, let name = header.msg_name {
          sender = SockAddrUn(real: name.load(as: sockaddr_un.self), length: header.msg_namelen)
        }
        let written = Int(header.msg_controllen)
        let control = controls[i].map { Array($0.prefix(written)) } ?? []
        let (credentials, rights, pidfd, inq) = receivedControl(control[...])
        return BatchEntry(
          length: length, data: Payload.read(bytes), sender: sender,
          message: ReceivedMessage(
            flags: MessageFlags(rawValue: header.msg_flags), controlLength: written, credentials: credentials,
            rights: rights, rightsInodes: rights.map(socketInode), pidfd: pidfd, inq: inq))
      }
      return result
    }
  }

  /// Memory for one call's headers and buffers, freed together once it has returned.
  final class MessageArena {
    private var blocks: [UnsafeMutableRawBufferPointer] = []

    /// `count` zeroed bytes (at least one, so that every buffer has an address).
    func bytes(_ count: Int) -> UnsafeMutableRawBufferPointer {
      let block = UnsafeMutableRawBufferPointer.allocate(byteCount: max(count, 1), alignment: 16)
      block.initializeMemory(as: UInt8.self, repeating: 0)
      blocks.append(block)
      return UnsafeMutableRawBufferPointer(rebasing: block[0..<count])
    }

    /// An array of `struct iovec` over copies of `buffers`.
    func iovecs(_ buffers: [[UInt8]]) -> (
      base: UnsafeMutablePointer<iovec>, count: Int, buffers: [UnsafeMutableRawBufferPointer]
    ) {
      let vectors = bytes(MemoryLayout<iovec>.stride * max(buffers.count, 1)).bindMemory(to: iovec.self)
      var copies: [UnsafeMutableRawBufferPointer] = []
      for (i, buffer) in buffers.enumerated() {
        let copy = bytes(buffer.count)
        copy.copyBytes(from: buffer)
        copies.append(copy)
        vectors[i] = iovec(iov_base: copy.baseAddress, iov_len: buffer.count)
      }
      return (vectors.baseAddress!, buffers.count, copies)
    }

    func release() {
      for block in blocks { block.deallocate() }
      blocks = []
    }
  }
#endif
