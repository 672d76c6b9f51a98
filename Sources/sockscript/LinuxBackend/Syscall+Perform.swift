#if canImport(Glibc)
  import Glibc
  import SockKernel

  /// A model call made for real: the same `Syscall`, carrying real descriptors and the
  /// sandbox's addresses (``LinuxBackend`` translates them).
  extension Syscall {
    /// The number `/proc/TID/syscall` shows while the thread sleeps in this call; only the
    /// calls that can sleep on a socket need one.
    var sleepingSyscallNumber: Int? {
      switch self {
      #if arch(x86_64)
        case .connect: 42
        case .accept: 288
      #elseif arch(arm64)
        case .connect: 203
        case .accept: 242
      #endif
      default: nil
      }
    }

    /// Makes the call on the calling thread.
    func perform() -> RealResult {
      switch self {
      case .socket(let type, let proto):
        return .returning(Int64(Glibc.socket(Glibc.AF_UNIX, type.rawValue, proto)))
      case .bind(let fd, let address):
        return .returning(Int64(RawAddress(address).withSockaddr { Glibc.bind(fd, $0, $1) }))
      case .listen(let fd, let backlog):
        return .returning(Int64(Glibc.listen(fd, backlog)))
      case .connect(let fd, let address):
        return .returning(Int64(RawAddress(address).withSockaddr { Glibc.connect(fd, $0, $1) }))
      case .accept(let fd, let flags):
        return .returning(Int64(GNU.accept4(fd, nil, nil, flags)))
      case .shutdown(let fd, let how):
        return .returning(Int64(Glibc.shutdown(fd, how)))
      case .close(let fd):
        return .returning(Int64(Glibc.close(fd)))
      case .setTimeout(let fd, let option, let value, let optlen):
        // The kernel reads sizeof(struct timeval) whatever the optlen, once optlen is big enough.
        var buffer = [UInt8](repeating: 0, count: max(16, Int(min(max(optlen, 0), 4096))))
        withUnsafeBytes(of: value.seconds.littleEndian) { buffer.replaceSubrange(0..<8, with: $0) }
        withUnsafeBytes(of: value.microseconds.littleEndian) { buffer.replaceSubrange(8..<16, with: $0) }
        let r = Glibc.setsockopt(fd, SOL_SOCKET, option.number, buffer, socklen_t(bitPattern: optlen))
        return .returning(Int64(r))
      case .getTimeout(let fd, let option):
        var tv = timeval()
        var length = socklen_t(MemoryLayout<timeval>.size)
        let r = Glibc.getsockopt(fd, SOL_SOCKET, option.number, &tv, &length)
        var result = RealResult.returning(Int64(r))
        if r == 0 { result.timeval = Timeval(seconds: Int64(tv.tv_sec), microseconds: Int64(tv.tv_usec)) }
        return result
      case .setNonBlocking(let fd, let on):
        return .returning(Int64(fcntl(fd, F_SETFL, on ? O_RDWR | Glibc.O_NONBLOCK : O_RDWR)))
      case .createFile(let path):
        return .returning(Int64(Glibc.mknod(path, S_IFREG | 0o644, 0)))
      case .mkdir(let path):
        return .returning(Int64(Glibc.mkdir(path, 0o755)))
      case .unlink(let path):
        return .returning(Int64(Glibc.unlink(path)))
      }
    }
  }

  extension SocketOption {
    /// The option's number in Linux's `SOL_SOCKET` level.
    var number: Int32 {
      switch self {
      case .SO_SNDTIMEO: Glibc.SO_SNDTIMEO
      case .SO_RCVTIMEO: Glibc.SO_RCVTIMEO
      }
    }
  }

  /// What a real call returned.
  struct RealResult: Sendable {
    var value: Int64
    /// 0 on success.
    var errno: Int32
    var timeval: Timeval?

    /// `value`, and `errno` when it is -1.
    static func returning(_ value: Int64) -> RealResult {
      RealResult(value: value, errno: value == -1 ? Glibc.errno : 0, timeval: nil)
    }
  }

  /// A `struct sockaddr_un` as bytes, with the `addrlen` to pass.
  struct RawAddress: Sendable {
    var bytes: [UInt8]
    var length: socklen_t

    init(_ address: SockAddrUn) {
      // sun_family, then sun_path; room for all of sun_path whatever the caller filled.
      var bytes = [UInt8](repeating: 0, count: max(2 + UNIX_PATH_MAX, 2 + address.path.count))
      bytes[0] = UInt8(truncatingIfNeeded: address.family)
      bytes[1] = UInt8(truncatingIfNeeded: address.family >> 8)
      bytes.replaceSubrange(2..<(2 + address.path.count), with: address.path)
      self.bytes = bytes
      self.length = socklen_t(bitPattern: address.length)
    }

    func withSockaddr<T>(_ body: (UnsafePointer<sockaddr>, socklen_t) -> T) -> T {
      bytes.withUnsafeBytes { raw in
        body(raw.baseAddress!.assumingMemoryBound(to: sockaddr.self), length)
      }
    }
  }
#endif
