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
