/// Integer `SOL_SOCKET` options, each with its number in `asm-generic/socket.h` (x86_64's
/// and arm64's alike).
public enum IntOption: Sendable, Hashable, CustomStringConvertible {
  case SO_SNDBUF, SO_RCVBUF, SO_ERROR, SO_TYPE
  /// Read-only: the family (AF_UNIX), the protocol (0), whether the socket listens.
  case SO_DOMAIN, SO_PROTOCOL, SO_ACCEPTCONN
  /// Flags and values every socket keeps, which `sk_getsockopt` reads for AF_UNIX as for
  /// any family; the model's sockets never change them.
  case SO_DEBUG, SO_REUSEADDR, SO_DONTROUTE, SO_BROADCAST, SO_KEEPALIVE, SO_OOBINLINE, SO_PRIORITY
  case SO_REUSEPORT, SO_RCVLOWAT, SO_SNDLOWAT, SO_MARK
  /// What a receiver asks to be given with each message: credentials, the security label,
  /// a pidfd; and (6.16 and later) whether it accepts SCM_RIGHTS at all.
  case SO_PASSCRED, SO_PASSSEC, SO_PASSPIDFD, SO_PASSRIGHTS
  /// `sk_peek_off`: -1 until set, AF_UNIX having `set_peek_off`.
  case SO_PEEK_OFF
  /// Read-only: a new pidfd (a descriptor) of the peer process as of the connection.
  case SO_PEERPIDFD
  /// Set-only, on a stream socket (6.18): each receive also reports the bytes left (SCM_INQ).
  case SO_INQ
  /// An option known only by its number (`get 99`).
  case unnamed(Int32)

  /// The named options, with their numbers.
  public static let named: [(IntOption, Int32)] = [
    (.SO_DEBUG, 1), (.SO_REUSEADDR, 2), (.SO_TYPE, 3), (.SO_ERROR, 4), (.SO_DONTROUTE, 5), (.SO_BROADCAST, 6),
    (.SO_SNDBUF, 7), (.SO_RCVBUF, 8), (.SO_KEEPALIVE, 9), (.SO_OOBINLINE, 10), (.SO_PRIORITY, 12),
    (.SO_REUSEPORT, 15), (.SO_PASSCRED, 16), (.SO_RCVLOWAT, 18), (.SO_SNDLOWAT, 19), (.SO_ACCEPTCONN, 30),
    (.SO_PASSSEC, 34), (.SO_MARK, 36), (.SO_PROTOCOL, 38), (.SO_DOMAIN, 39), (.SO_PEEK_OFF, 42),
    (.SO_PASSPIDFD, 76), (.SO_PEERPIDFD, 77), (.SO_PASSRIGHTS, 83), (.SO_INQ, 84),
  ]

  /// The option numbered `number`: its named case when it has one.
  public init(number: Int32) {
    self = Self.named.first { $0.1 == number }?.0 ?? .unnamed(number)
  }

  /// The option's number at the `SOL_SOCKET` level.
  public var number: Int32 {
    if case .unnamed(let number) = self { return number }
    return Self.named.first { $0.0 == self }!.1
  }

  public var description: String {
    switch self {
    case .SO_SNDBUF: "SO_SNDBUF"
    case .SO_RCVBUF: "SO_RCVBUF"
    case .SO_ERROR: "SO_ERROR"
    case .SO_TYPE: "SO_TYPE"
    case .SO_DOMAIN: "SO_DOMAIN"
    case .SO_PROTOCOL: "SO_PROTOCOL"
    case .SO_ACCEPTCONN: "SO_ACCEPTCONN"
    case .SO_DEBUG: "SO_DEBUG"
    case .SO_REUSEADDR: "SO_REUSEADDR"
    case .SO_DONTROUTE: "SO_DONTROUTE"
    case .SO_BROADCAST: "SO_BROADCAST"
    case .SO_KEEPALIVE: "SO_KEEPALIVE"
    case .SO_OOBINLINE: "SO_OOBINLINE"
    case .SO_PRIORITY: "SO_PRIORITY"
    case .SO_REUSEPORT: "SO_REUSEPORT"
    case .SO_RCVLOWAT: "SO_RCVLOWAT"
    case .SO_SNDLOWAT: "SO_SNDLOWAT"
    case .SO_MARK: "SO_MARK"
    case .SO_PASSCRED: "SO_PASSCRED"
    case .SO_PASSSEC: "SO_PASSSEC"
    case .SO_PASSPIDFD: "SO_PASSPIDFD"
    case .SO_PASSRIGHTS: "SO_PASSRIGHTS"
    case .SO_PEEK_OFF: "SO_PEEK_OFF"
    case .SO_PEERPIDFD: "SO_PEERPIDFD"
    case .SO_INQ: "SO_INQ"
    // strace prints an option it has no name for as its number.
    case .unnamed(let number): "\(number)"
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
