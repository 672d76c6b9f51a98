#if canImport(Glibc)
  import Foundation
  import Glibc
  import SyscallVocabulary

  /// What the driver asks of a forked child's host (``ProcessHost``).
  enum HostRequest: Codable {
    /// Start the host's thread number `thread` (the driver numbers them in the order it asks).
    case startThread(Int)
    /// Make `job`'s call on thread `thread`.
    case run(thread: Int, job: Job)
    /// `ignore SIGPIPE`: the host's action becomes SIG_IGN.
    case ignoreSIGPIPE
    /// `handle SIGURG [restart]`: the host's action becomes a handler that does nothing.
    case catchSIGURG(restart: Bool)
  }

  /// What a host tells the driver.
  enum HostReply: Codable {
    /// Thread `thread` runs, with the kernel's id `tid` (-1: it could not start).
    case started(thread: Int, tid: Int32)
    /// A call came back, as a local actor thread's completion.
    case completed(CallCompletion)
    /// The last message of a host's image: its thread calls execve for call `id`, entered
    /// at `entered` (monotonic ns; `coarse` the coarse clock then).
    case execing(id: Int, entered: Int64, coarse: Int64)
    /// The first message of a host's image, at `at`: which of the scenario's descriptors it
    /// was given are open. After an `execing`, the execve has returned (0) in this image.
    case ready(open: [Int32], at: Int64)
  }

  /// The driver's connection to one host: a stream socket carrying messages as a 4-byte
  /// little-endian length and JSON (a stream, not a datagram socket, since a `send` of a
  /// megabyte makes a message larger than any socket buffer).
  final class ControlChannel: @unchecked Sendable {
    let fd: Int32
    /// Two threads of a host send: its request loop and its forwarder of completions.
    private let sending = Monitor()

    init(fd: Int32) { self.fd = fd }

    /// False when the other end is gone. `passing` goes with the message as SCM_RIGHTS: the
    /// other end gets its own descriptor for the same file (a grandchild's control channel).
    @discardableResult
    func send<Message: Encodable>(_ message: Message, passing descriptor: Int32? = nil) -> Bool {
      guard let body = try? JSONEncoder().encode(message) else { return false }
      var frame = withUnsafeBytes(of: UInt32(body.count).littleEndian) { Array($0) }
      frame.append(contentsOf: body)
      return sending.locked {
        guard let descriptor else { return writeAll(frame[...]) }
        let sent = sendFirstByte(of: frame, passing: descriptor)
        return sent && writeAll(frame[1...])
      }
    }

    /// Sends `message` as the last frame of this image: the channel stays locked, so that no
    /// other thread writes (half) a frame before execve ends them. ``releaseSending()`` only
    /// if the execve fails.
    func sendLast<Message: Encodable>(_ message: Message) -> Bool {
      guard let body = try? JSONEncoder().encode(message) else { return false }
      var frame = withUnsafeBytes(of: UInt32(body.count).littleEndian) { Array($0) }
      frame.append(contentsOf: body)
      sending.lock()
      return writeAll(frame[...])
    }

    func releaseSending() { sending.unlock() }

    /// The next message, and the descriptor that came with it; nil at end of file (the
    /// other end is gone) or on a broken frame.
    func receive<Message: Decodable>(_ type: Message.Type) -> (Message, passed: Int32?)? {
      var passed: Int32?
      guard let first = receiveFirstByte(passed: &passed), let rest = readExactly(3) else { return nil }
      let header = [first] + rest
      let length = header.withUnsafeBytes { $0.loadUnaligned(as: UInt32.self) }.littleEndian
      guard let body = readExactly(Int(length)), let message = try? JSONDecoder().decode(type, from: Data(body))
      else { return nil }
      return (message, passed)
    }

    /// `struct cmsghdr` with one descriptor, as CMSG_SPACE(sizeof(int)) lays it out on a
    /// 64-bit kernel: cmsg_len (CMSG_LEN: 20), cmsg_level, cmsg_type, the int, padding.
    private static let rightsSpace = 24

    private func sendFirstByte(of frame: [UInt8], passing descriptor: Int32) -> Bool {
      var control = [UInt8](repeating: 0, count: Self.rightsSpace)
      control.withUnsafeMutableBytes { raw in
        raw.storeBytes(of: UInt64(20), toByteOffset: 0, as: UInt64.self)
        raw.storeBytes(of: Int32(SOL_SOCKET), toByteOffset: 8, as: Int32.self)
        raw.storeBytes(of: Int32(SCM_RIGHTS), toByteOffset: 12, as: Int32.self)
        raw.storeBytes(of: descriptor, toByteOffset: 16, as: Int32.self)
      }
      var byte = frame[0]
      while true {
        let n = withUnsafeMutablePointer(to: &byte) { base in
          control.withUnsafeMutableBytes { controlBytes in
            var vector = iovec(iov_base: UnsafeMutableRawPointer(base), iov_len: 1)
            return withUnsafeMutablePointer(to: &vector) { vectorPointer in
              var header = msghdr(
                msg_name: nil, msg_namelen: 0, msg_iov: vectorPointer, msg_iovlen: 1,
                msg_control: controlBytes.baseAddress, msg_controllen: controlBytes.count, msg_flags: 0)
              return sendmsg(fd, &header, Int32(MSG_NOSIGNAL))
            }
          }
        }
        if n < 0 && errno == EINTR { continue }
        return n == 1
      }
    }

    /// Reads one byte with recvmsg, taking a descriptor that came with it (closed at exec).
    private func receiveFirstByte(passed: inout Int32?) -> UInt8? {
      var control = [UInt8](repeating: 0, count: Self.rightsSpace)
      var byte: UInt8 = 0
      while true {
        var controlLength = 0
        let n = withUnsafeMutablePointer(to: &byte) { base in
          control.withUnsafeMutableBytes { controlBytes in
            var vector = iovec(iov_base: UnsafeMutableRawPointer(base), iov_len: 1)
            return withUnsafeMutablePointer(to: &vector) { vectorPointer in
              var header = msghdr(
                msg_name: nil, msg_namelen: 0, msg_iov: vectorPointer, msg_iovlen: 1,
                msg_control: controlBytes.baseAddress, msg_controllen: controlBytes.count, msg_flags: 0)
              defer { controlLength = header.msg_controllen }
              return recvmsg(fd, &header, Int32(MSG_CMSG_CLOEXEC))
            }
          }
        }
        if n < 0 && errno == EINTR { continue }
        guard n == 1 else { return nil }
        if controlLength >= 20 {
          control.withUnsafeBytes { raw in
            let level = raw.load(fromByteOffset: 8, as: Int32.self)
            let type = raw.load(fromByteOffset: 12, as: Int32.self)
            if level == SOL_SOCKET && type == Int32(SCM_RIGHTS) {
              passed = raw.load(fromByteOffset: 16, as: Int32.self)
            }
          }
        }
        return byte
      }
    }

    private func writeAll(_ bytes: ArraySlice<UInt8>) -> Bool {
      var offset = 0
      while offset < bytes.count {
        let n = bytes.withUnsafeBytes {
          Glibc.send(fd, $0.baseAddress! + offset, $0.count - offset, Int32(MSG_NOSIGNAL))
        }
        if n < 0 && errno == EINTR { continue }
        guard n > 0 else { return false }
        offset += n
      }
      return true
    }

    private func readExactly(_ count: Int) -> [UInt8]? {
      var bytes = [UInt8](repeating: 0, count: count)
      var offset = 0
      while offset < count {
        // A signal meant for an actor thread (a process-directed SIGUSR1) may land here.
        let n = bytes.withUnsafeMutableBytes { Glibc.read(fd, $0.baseAddress! + offset, count - offset) }
        if n < 0 && errno == EINTR { continue }
        guard n > 0 else { return nil }
        offset += n
      }
      return bytes
    }
  }

  // A completion travels from a host to the driver whole: the call's value and everything
  // it read back. (`pair` is a tuple, which Codable cannot synthesize.)
  extension RealResult: Codable {
    /// Every stored property, by name (a test checks that none is left out).
    enum CodingKeys: String, CodingKey, CaseIterable {
      case value, errno, timeval, pair, data, sender, name, peerCred, optionValue, revents, raised, syscallSpan
      case waitStatus, optionLength, pairInodes, inode, message, batch, epollEvents, selected
    }

    init(from decoder: any Decoder) throws {
      let c = try decoder.container(keyedBy: CodingKeys.self)
      self.init(
        value: try c.decode(Int64.self, forKey: .value), errno: try c.decode(Int32.self, forKey: .errno),
        timeval: try c.decodeIfPresent(Timeval.self, forKey: .timeval))
      pair = try c.decodeIfPresent([Int32].self, forKey: .pair).map { ($0[0], $0[1]) }
      data = try c.decodeIfPresent(Payload.self, forKey: .data)
      sender = try c.decodeIfPresent(SockAddrUn.self, forKey: .sender)
      name = try c.decodeIfPresent(SockAddrUn.self, forKey: .name)
      peerCred = try c.decodeIfPresent(PeerCred.self, forKey: .peerCred)
      optionValue = try c.decodeIfPresent(Int32.self, forKey: .optionValue)
      optionLength = try c.decodeIfPresent(Int32.self, forKey: .optionLength)
      revents = try c.decodeIfPresent([PollMask].self, forKey: .revents)
      raised = try c.decodeIfPresent(Signal.self, forKey: .raised)
      syscallSpan = try c.decodeIfPresent([Int64].self, forKey: .syscallSpan).map {
        SyscallSpan(entered: $0[0], coarse: $0[1], returned: $0[2])
      }
      waitStatus = try c.decodeIfPresent(Int32.self, forKey: .waitStatus)
      pairInodes = try c.decodeIfPresent([Int].self, forKey: .pairInodes).map { ($0[0], $0[1]) }
      inode = try c.decodeIfPresent(Int.self, forKey: .inode)
      message = try c.decodeIfPresent(ReceivedMessage.self, forKey: .message)
      batch = try c.decodeIfPresent([BatchEntry].self, forKey: .batch)
      epollEvents = try c.decodeIfPresent([EpollEvent].self, forKey: .epollEvents)
      selected = try c.decodeIfPresent(SelectResult.self, forKey: .selected)
    }

    func encode(to encoder: any Encoder) throws {
      var c = encoder.container(keyedBy: CodingKeys.self)
      try c.encode(value, forKey: .value)
      try c.encode(errno, forKey: .errno)
      try c.encodeIfPresent(timeval, forKey: .timeval)
      try c.encodeIfPresent(pair.map { [$0.0, $0.1] }, forKey: .pair)
      try c.encodeIfPresent(data, forKey: .data)
      try c.encodeIfPresent(sender, forKey: .sender)
      try c.encodeIfPresent(name, forKey: .name)
      try c.encodeIfPresent(peerCred, forKey: .peerCred)
      try c.encodeIfPresent(optionValue, forKey: .optionValue)
      try c.encodeIfPresent(optionLength, forKey: .optionLength)
      try c.encodeIfPresent(revents, forKey: .revents)
      try c.encodeIfPresent(raised, forKey: .raised)
      try c.encodeIfPresent(syscallSpan.map { [$0.entered, $0.coarse, $0.returned] }, forKey: .syscallSpan)
      try c.encodeIfPresent(waitStatus, forKey: .waitStatus)
      try c.encodeIfPresent(pairInodes.map { [$0.0, $0.1] }, forKey: .pairInodes)
      try c.encodeIfPresent(inode, forKey: .inode)
      try c.encodeIfPresent(message, forKey: .message)
      try c.encodeIfPresent(batch, forKey: .batch)
      try c.encodeIfPresent(epollEvents, forKey: .epollEvents)
      try c.encodeIfPresent(selected, forKey: .selected)
    }
  }
#endif
