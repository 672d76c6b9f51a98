#if canImport(Glibc)
  import Glibc
  import SyscallVocabulary

  extension SockAddrUn {
    /// What `recvfrom` filled in; nil when the sender had no address.
    init?(real: sockaddr_un, length: socklen_t) {
      guard length > 2 else { return nil }
      var copy = real
      let pathLength = Int(length) - 2
      let bytes = withUnsafeBytes(of: &copy.sun_path) { Array($0.prefix(pathLength)) }
      self.init(path: bytes.first == 0 ? bytes : bytes + [0], length: Int32(length))
    }
  }

  extension SockAddrUn {
    /// What `getsockname` filled in: the family alone (length 2) for an unbound socket, a
    /// path up to its NUL, or an abstract name of the length given, as the model keeps them.
    init(name: sockaddr_un, length: socklen_t) {
      var copy = name
      let pathLength = max(0, min(Int(length), MemoryLayout<sockaddr_un>.size) - 2)
      let bytes = withUnsafeBytes(of: &copy.sun_path) { Array($0.prefix(pathLength)) }
      let path = bytes.first == 0 ? bytes : Array(bytes.prefix { $0 != 0 }) + [0]
      self.init(path: pathLength == 0 ? [] : path, length: Int32(length))
    }
  }

  /// What a real call returned.
  struct RealResult: Sendable {
    var value: Int64
    /// 0 on success.
    var errno: Int32
    var timeval: Timeval?
    var pair: (Int32, Int32)?
    /// The inodes of `socketpair`'s two sockets.
    var pairInodes: (Int, Int)?
    /// The inode of the socket `socket` or `accept4` made.
    var inode: Int?
    /// What `recvmsg` wrote back into its `msghdr`, its descriptors still the real ones.
    var message: ReceivedMessage?
    /// What `sendmmsg` or `recvmmsg` did with each message it handled.
    var batch: [BatchEntry]?
    var data: Payload?
    var sender: SockAddrUn?
    var name: SockAddrUn?
    /// SO_PEERCRED's `struct ucred`, with the real pid.
    var peerCred: PeerCred?
    var optionValue: Int32?
    var optionLength: Int32?
    var revents: [PollMask]?
    /// What an `epoll_wait` delivered.
    var epollEvents: [EpollEvent]?
    /// What a `select` found ready, in real descriptors.
    var selected: SelectResult?
    var raised: Signal?
    /// When the system call itself was entered and returned, for calls whose buffers take
    /// time to build or to read (a megabyte of data).
    var syscallSpan: SyscallSpan?
    /// `wait4`'s status word of the child it reaped.
    var waitStatus: Int32?

    /// `value`, and `errno` when it is -1. Made right after the call, inside whatever closure
    /// made it: what runs in between (a buffer freed on the way out) may set `errno` again.
    static func returning(_ value: Int64) -> RealResult {
      RealResult(value: value, errno: value == -1 ? Glibc.errno : 0, timeval: nil)
    }
  }
#endif
