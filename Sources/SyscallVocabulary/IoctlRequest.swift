/// The `ioctl` requests a script makes on a socket: the queue-inspection ones, with their
/// numbers (x86_64's and arm64's alike). Each reads an int back.
public enum IoctlRequest: UInt32, Sendable, CaseIterable, CustomStringConvertible, Codable {
  /// `SIOCINQ`, which is `FIONREAD`: the bytes a read could take.
  case SIOCINQ = 0x541B
  /// `SIOCOUTQ`, which is `TIOCOUTQ`: the bytes sent that are not freed yet.
  case SIOCOUTQ = 0x5411
  /// `SIOCATMARK`: whether the next read starts at the out-of-band mark.
  case SIOCATMARK = 0x8905

  /// The name strace prints for the request number (SIOCINQ and SIOCOUTQ share theirs with
  /// the terminal ioctls FIONREAD and TIOCOUTQ, whose names strace shows).
  public var description: String {
    switch self {
    case .SIOCINQ: "FIONREAD"
    case .SIOCOUTQ: "TIOCOUTQ"
    case .SIOCATMARK: "SIOCATMARK"
    }
  }
}
