/// The `struct msghdr` of a `sendmsg`: the data in its iovecs, the destination, and the
/// control messages the script asks for (an SCM_RIGHTS message of descriptors).
public struct SendMessage: Sendable, Equatable, Codable {
  /// `msg_iov`: each iovec's bytes, in order.
  public var iov: [Payload]
  /// `msg_name`, with `msg_namelen` its length; nil: NULL and 0.
  public var address: SockAddrUn?
  /// An SCM_CREDENTIALS control message of these credentials (the pid as the model numbers
  /// processes), first in the control buffer; nil: none.
  public var credentials: PeerCred?
  /// The descriptors of one SCM_RIGHTS control message (`cmsg_len = CMSG_LEN(4 * n)`),
  /// after the credentials; empty: none.
  public var rights: [Int32]
  /// The `flags` argument (`MSG_*`).
  public var flags: MessageFlags

  public init(
    iov: [Payload], address: SockAddrUn? = nil, credentials: PeerCred? = nil, rights: [Int32] = [],
    flags: MessageFlags = []
  ) {
    self.iov = iov
    self.address = address
    self.credentials = credentials
    self.rights = rights
    self.flags = flags
  }

  /// The bytes of every iovec, in order (`msg_iter`).
  public var data: Payload { iov.count == 1 ? iov[0] : Payload.joined(iov) }

  /// `msg_controllen`: the space of the control messages, or 0.
  public var controlLength: Int {
    (credentials == nil ? 0 : ControlMessage.space(ControlMessage.ucredSize))
      + (rights.isEmpty ? 0 : ControlMessage.space(4 * rights.count))
  }
}

/// The `struct msghdr` a `recvmsg` passes in: buffers for the data, for the sender's name
/// and for control messages, and the flags.
public struct ReceiveRequest: Sendable, Equatable, Codable {
  /// `msg_iov`: each iovec's length, in order.
  public var iov: [Int]
  /// `msg_controllen`; 0 passes `msg_control = NULL`.
  public var controlLength: Int
  /// A `struct sockaddr_un` for `msg_name` (`msg_namelen = sizeof`); false: NULL.
  public var wantsName: Bool
  /// The `flags` argument (`MSG_*`, with `MSG_CMSG_CLOEXEC`).
  public var flags: MessageFlags

  public init(iov: [Int], controlLength: Int, wantsName: Bool = false, flags: MessageFlags = []) {
    self.iov = iov
    self.controlLength = controlLength
    self.wantsName = wantsName
    self.flags = flags
  }

  /// The bytes the iovecs hold together.
  public var length: Int { iov.reduce(0, +) }
}

/// What a `recvmsg` wrote back into its `struct msghdr`, beside the data and the name.
public struct ReceivedMessage: Sendable, Equatable, Codable {
  /// `msg_flags`: MSG_TRUNC, MSG_CTRUNC, MSG_EOR, and MSG_CMSG_CLOEXEC as the caller passed it.
  public var flags: MessageFlags
  /// `msg_controllen` as written back: the control space the kernel filled.
  public var controlLength: Int
  /// What an SCM_CREDENTIALS message delivered (the pid as the model numbers processes).
  public var credentials: PeerCred?
  /// The descriptors an SCM_RIGHTS message delivered, in order (new in the caller's table).
  public var rights: [Int32]
  /// The inode of the socket each received descriptor refers to (nil: not a socket), so
  /// that the session can name it as the socket it already knows.
  public var rightsInodes: [Int?]

  public init(
    flags: MessageFlags, controlLength: Int, credentials: PeerCred? = nil, rights: [Int32] = [],
    rightsInodes: [Int?] = []
  ) {
    self.flags = flags
    self.controlLength = controlLength
    self.credentials = credentials
    self.rights = rights
    self.rightsInodes = rightsInodes
  }
}

/// `struct cmsghdr` on a 64-bit kernel: `cmsg_len` (a `size_t`), `cmsg_level`, `cmsg_type`.
public enum ControlMessage {
  /// `sizeof(struct cmsghdr)`.
  public static let headerSize = 16
  /// `SCM_MAX_FD`: the most descriptors one message may carry.
  public static let maxDescriptors = 253
  /// `SOL_SOCKET`'s control message types.
  public static let SCM_RIGHTS: Int32 = 1
  public static let SCM_CREDENTIALS: Int32 = 2
  /// `sizeof(struct ucred)`.
  public static let ucredSize = 12

  /// `CMSG_LEN(n)`: a header and `n` bytes of data.
  public static func length(_ n: Int) -> Int { headerSize + n }
  /// `CMSG_SPACE(n)`: the same, the data padded to 8 bytes.
  public static func space(_ n: Int) -> Int { headerSize + (n + 7) / 8 * 8 }
}
