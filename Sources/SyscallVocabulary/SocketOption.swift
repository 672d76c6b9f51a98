/// Integer `SOL_SOCKET` options.
public enum IntOption: Sendable, CustomStringConvertible {
  case SO_SNDBUF, SO_RCVBUF, SO_ERROR, SO_TYPE
  /// Read-only: the family (AF_UNIX), the protocol (0), whether the socket listens.
  case SO_DOMAIN, SO_PROTOCOL, SO_ACCEPTCONN

  public var description: String {
    switch self {
    case .SO_SNDBUF: "SO_SNDBUF"
    case .SO_RCVBUF: "SO_RCVBUF"
    case .SO_ERROR: "SO_ERROR"
    case .SO_TYPE: "SO_TYPE"
    case .SO_DOMAIN: "SO_DOMAIN"
    case .SO_PROTOCOL: "SO_PROTOCOL"
    case .SO_ACCEPTCONN: "SO_ACCEPTCONN"
    }
  }
}

/// Socket options the model implements (`SOL_SOCKET` level).
public enum SocketOption: Sendable, CustomStringConvertible {
  /// `SO_SNDTIMEO` (the old, 16-byte timeval number on x86_64).
  case SO_SNDTIMEO
  /// `SO_RCVTIMEO`.
  case SO_RCVTIMEO

  public var description: String {
    switch self {
    case .SO_SNDTIMEO: "SO_SNDTIMEO"
    case .SO_RCVTIMEO: "SO_RCVTIMEO"
    }
  }
}

/// Sent to and from the kernel backend's process hosts (a forked child's calls).
extension SocketOption: Codable {}

/// Sent to and from the kernel backend's process hosts (a forked child's calls).
extension IntOption: Codable {}

/// `struct ucred` as `SO_PEERCRED` reads it: the peer's pid (as the model numbers processes)
/// and its effective uid and gid when it connected, or `{0, -1, -1}` with no peer credentials.
public struct PeerCred: Sendable, Equatable, Codable, CustomStringConvertible {
  public var pid: Int32
  public var uid: UInt32
  public var gid: UInt32

  public init(pid: Int32, uid: UInt32, gid: UInt32) {
    self.pid = pid
    self.uid = uid
    self.gid = gid
  }

  /// `cred_to_ucred` without a cred: pid 0, and -1 for the ids.
  public static let unset = PeerCred(pid: 0, uid: UInt32.max, gid: UInt32.max)

  /// As strace prints it: `{pid=1, uid=0, gid=0}`, with -1 for an id that is not set.
  public var description: String {
    let id = { (v: UInt32) in v == UInt32.max ? "-1" : "\(v)" }
    return "{pid=\(pid), uid=\(id(uid)), gid=\(id(gid))}"
  }
}

/// `struct rlimit`: a soft limit (`rlim_cur`, what the kernel enforces) and a hard one
/// (`rlim_max`, as high as an unprivileged process may raise the soft).
public struct RLimit: Sendable, Equatable, Codable, CustomStringConvertible {
  public var cur: UInt64
  public var max: UInt64

  public init(cur: UInt64, max: UInt64) {
    self.cur = cur
    self.max = max
  }

  /// As strace prints it: `{rlim_cur=8, rlim_max=8}`.
  public var description: String { "{rlim_cur=\(cur), rlim_max=\(max)}" }
}
