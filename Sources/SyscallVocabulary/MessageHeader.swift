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
  /// Control messages the script spells out itself, after those.
  public var raw: [RawControlMessage] = []
  /// The `flags` argument (`MSG_*`).
  public var flags: MessageFlags

  public init(
    iov: [Payload], address: SockAddrUn? = nil, credentials: PeerCred? = nil, rights: [Int32] = [],
    raw: [RawControlMessage] = [], flags: MessageFlags = []
  ) {
    self.iov = iov
    self.address = address
    self.credentials = credentials
    self.rights = rights
    self.raw = raw
    self.flags = flags
  }

  /// The bytes of every iovec, in order (`msg_iter`).
  public var data: Payload { iov.count == 1 ? iov[0] : Payload.joined(iov) }

  /// `msg_controllen`: the space of the control messages, or 0.
  public var controlLength: Int {
    (credentials == nil ? 0 : ControlMessage.space(ControlMessage.ucredSize))
      + (rights.isEmpty ? 0 : ControlMessage.space(4 * rights.count))
      + raw.reduce(0) { $0 + ControlMessage.space($1.data.count) }
  }

  /// The control buffer as the kernel reads it: SCM_CREDENTIALS, SCM_RIGHTS, then the raw
  /// messages, each a 16-byte `struct cmsghdr` and its data padded to 8 bytes.
  public var control: [UInt8] {
    var bytes: [UInt8] = []
    guard controlLength > 0 else { return bytes }
    bytes.reserveCapacity(controlLength)
    if let creds = credentials {
      let ids = [UInt32(bitPattern: creds.pid), creds.uid, creds.gid]
      ControlMessage.append(
        RawControlMessage(level: ControlMessage.SOL_SOCKET, type: ControlMessage.SCM_CREDENTIALS, ints: ids), to: &bytes
      )
    }
    if !rights.isEmpty {
      ControlMessage.append(
        RawControlMessage(
          level: ControlMessage.SOL_SOCKET, type: ControlMessage.SCM_RIGHTS, ints: rights.map { UInt32(bitPattern: $0) }
        ),
        to: &bytes)
    }
    for message in raw { ControlMessage.append(message, to: &bytes) }
    return bytes
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
  /// What an SCM_PIDFD message delivered: a new descriptor of the sender's pidfd, or the
  /// negative errno `pidfd_prepare` failed with.
  public var pidfd: Int32?
  /// What an SCM_INQ message delivered: the bytes left in the queue after the read.
  public var inq: Int32?
  /// The descriptors an SCM_RIGHTS message delivered, in order (new in the caller's table).
  public var rights: [Int32]
  /// The inode of the socket each received descriptor refers to (nil: not a socket), so
  /// that the session can name it as the socket it already knows.
  public var rightsInodes: [Int?]

  public init(
    flags: MessageFlags, controlLength: Int, credentials: PeerCred? = nil, rights: [Int32] = [],
    rightsInodes: [Int?] = [], pidfd: Int32? = nil, inq: Int32? = nil
  ) {
    self.inq = inq
    self.flags = flags
    self.controlLength = controlLength
    self.credentials = credentials
    self.pidfd = pidfd
    self.rights = rights
    self.rightsInodes = rightsInodes
  }
}

/// One control message as a script spells it out: its level, type, `cmsg_len` (which need
/// not be right) and data.
public struct RawControlMessage: Sendable, Equatable, Codable {
  public var level: Int32
  public var type: Int32
  /// `cmsg_len`.
  public var length: Int
  public var data: [UInt8]

  public init(level: Int32, type: Int32, length: Int? = nil, data: [UInt8]) {
    self.level = level
    self.type = type
    self.length = length ?? ControlMessage.length(data.count)
    self.data = data
  }

  /// A message whose data is 32-bit values (descriptors, a `struct ucred`).
  init(level: Int32, type: Int32, ints: [UInt32]) {
    var data: [UInt8] = []
    data.reserveCapacity(4 * ints.count)
    for value in ints { withUnsafeBytes(of: value.littleEndian) { data += $0 } }
    self.init(level: level, type: type, data: data)
  }
}

/// `struct cmsghdr` on a 64-bit kernel: `cmsg_len` (a `size_t`), `cmsg_level`, `cmsg_type`.
public enum ControlMessage {
  /// `SOL_SOCKET`.
  public static let SOL_SOCKET: Int32 = 1
  /// `sizeof(struct cmsghdr)`.
  public static let headerSize = 16
  /// `SCM_MAX_FD`: the most descriptors one message may carry.
  public static let maxDescriptors = 253
  /// `SOL_SOCKET`'s control message types.
  public static let SCM_RIGHTS: Int32 = 1
  public static let SCM_CREDENTIALS: Int32 = 2
  public static let SCM_PIDFD: Int32 = 4
  /// `SCM_INQ` (= SO_INQ): the bytes left to read after a stream receive.
  public static let SCM_INQ: Int32 = 84
  /// `sizeof(struct ucred)`.
  public static let ucredSize = 12

  /// `CMSG_LEN(n)`: a header and `n` bytes of data.
  public static func length(_ n: Int) -> Int { headerSize + n }
  /// `CMSG_SPACE(n)`: the same, the data padded to 8 bytes.
  public static func space(_ n: Int) -> Int { headerSize + align(n) }
  /// `CMSG_ALIGN(n)`.
  public static func align(_ n: Int) -> Int { (n + 7) / 8 * 8 }

  /// Appends `message`: its header (with its `cmsg_len` as given), its data, padding.
  static func append(_ message: RawControlMessage, to bytes: inout [UInt8]) {
    withUnsafeBytes(of: UInt64(truncatingIfNeeded: message.length).littleEndian) { bytes += $0 }
    withUnsafeBytes(of: message.level.littleEndian) { bytes += $0 }
    withUnsafeBytes(of: message.type.littleEndian) { bytes += $0 }
    bytes += message.data
    bytes += repeatElement(0, count: align(message.data.count) - message.data.count)
  }

  /// The 64-bit little-endian value at `offset` (a `cmsg_len`).
  public static func length(in bytes: [UInt8], at offset: Int) -> Int {
    bytes.withUnsafeBytes {
      Int(truncatingIfNeeded: UInt64(littleEndian: $0.loadUnaligned(fromByteOffset: offset, as: UInt64.self)))
    }
  }

  /// The 32-bit little-endian value at `offset`.
  public static func int32(in bytes: [UInt8], at offset: Int) -> Int32 {
    bytes.withUnsafeBytes { Int32(littleEndian: $0.loadUnaligned(fromByteOffset: offset, as: Int32.self)) }
  }
}

/// One message of a `sendmmsg` or `recvmmsg` that was handled: its `msg_len` and, for a
/// receive, what was read into its `msghdr`.
public struct BatchEntry: Sendable, Equatable, Codable {
  /// `msg_len`: the bytes sent or received.
  public var length: Int
  public var data: Payload?
  public var sender: SockAddrUn?
  public var message: ReceivedMessage?

  public init(length: Int, data: Payload? = nil, sender: SockAddrUn? = nil, message: ReceivedMessage? = nil) {
    self.length = length
    self.data = data
    self.sender = sender
    self.message = message
  }
}
