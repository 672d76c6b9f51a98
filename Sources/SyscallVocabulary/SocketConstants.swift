/// `AF_UNIX` (= `PF_UNIX`, `AF_LOCAL`).
public let AF_UNIX: Int32 = 1
/// `AF_UNSPEC`: a datagram `connect` to this family dissolves the association.
public let AF_UNSPEC: Int32 = 0

/// Socket types AF_UNIX knows (`SOCK_RAW` is turned into `SOCK_DGRAM` by `unix_create`).
public enum SocketType: Int32, Sendable, CustomStringConvertible {
  case stream = 1
  case dgram = 2
  case raw = 3
  case seqpacket = 5

  /// The C name, e.g. `SOCK_STREAM`.
  public var description: String {
    switch self {
    case .stream: "SOCK_STREAM"
    case .dgram: "SOCK_DGRAM"
    case .raw: "SOCK_RAW"
    case .seqpacket: "SOCK_SEQPACKET"
    }
  }
}

/// `sk->sk_state` values AF_UNIX uses (it borrows TCP's names).
public enum SockState: Sendable, CustomStringConvertible {
  case TCP_CLOSE
  case TCP_LISTEN
  case TCP_ESTABLISHED

  public var description: String {
    switch self {
    case .TCP_CLOSE: "TCP_CLOSE"
    case .TCP_LISTEN: "TCP_LISTEN"
    case .TCP_ESTABLISHED: "TCP_ESTABLISHED"
    }
  }
}

/// Bits of `sk->sk_shutdown`.
public struct ShutdownBits: OptionSet, Sendable {
  public let rawValue: UInt8
  public init(rawValue: UInt8) { self.rawValue = rawValue }
  /// `RCV_SHUTDOWN`.
  public static let RCV_SHUTDOWN = ShutdownBits(rawValue: 1)
  /// `SEND_SHUTDOWN`.
  public static let SEND_SHUTDOWN = ShutdownBits(rawValue: 2)
  /// `SHUTDOWN_MASK`.
  public static let SHUTDOWN_MASK: ShutdownBits = [.RCV_SHUTDOWN, .SEND_SHUTDOWN]
}

/// `shutdown(2)`'s `how`.
public let SHUT_RD: Int32 = 0
/// `shutdown(2)`'s `how`.
public let SHUT_WR: Int32 = 1
/// `shutdown(2)`'s `how`.
public let SHUT_RDWR: Int32 = 2

/// `O_NONBLOCK`, as `accept4` flags and file status flags spell it.
public let O_NONBLOCK: Int32 = 0o4000
/// `SOCK_CLOEXEC` (= `O_CLOEXEC`).
public let SOCK_CLOEXEC: Int32 = 0o2000000
/// `O_CLOEXEC`, the one flag `dup3` takes.
public let O_CLOEXEC: Int32 = SOCK_CLOEXEC
/// The access mode of every socket's open file (`sock_alloc_file`).
public let O_RDWR: Int32 = 2
/// `O_ACCMODE`: the access-mode bits, which F_SETFL cannot change.
public let O_ACCMODE: Int32 = 3
/// `O_APPEND`: F_SETFL keeps it on a socket, where it changes nothing.
public let O_APPEND: Int32 = 0o2000
/// `O_DIRECT` (x86_64): F_SETFL refuses it on a file without FMODE_CAN_ODIRECT, as a socket is.
public let O_DIRECT: Int32 = 0o40000
/// `O_LARGEFILE` (x86_64): `open` sets it on every file of a 64-bit process
/// (`force_o_largefile`), so F_GETFL shows it on a file `open` made, not on a socket.
public let O_LARGEFILE: Int32 = 0o100000
/// `FD_CLOEXEC`, the one descriptor flag.
public let FD_CLOEXEC: Int32 = 1

/// `fcntl(2)`'s commands that the language makes.
public enum FcntlCommand: Int32, Sendable, CaseIterable, CustomStringConvertible, Codable {
  case F_DUPFD = 0
  case F_GETFD = 1
  case F_SETFD = 2
  case F_GETFL = 3
  case F_SETFL = 4
  /// The argument is a pid (0 clears the owner).
  case F_SETOWN = 8
  case F_GETOWN = 9
  /// With `{F_OWNER_TID, tid}`: the argument is the owner thread's ``TaskID`` raw value.
  case F_SETOWN_EX = 15
  case F_DUPFD_CLOEXEC = 1030

  public var description: String {
    switch self {
    case .F_DUPFD: "F_DUPFD"
    case .F_GETFD: "F_GETFD"
    case .F_SETFD: "F_SETFD"
    case .F_GETFL: "F_GETFL"
    case .F_SETFL: "F_SETFL"
    case .F_SETOWN: "F_SETOWN"
    case .F_GETOWN: "F_GETOWN"
    case .F_SETOWN_EX: "F_SETOWN_EX"
    case .F_DUPFD_CLOEXEC: "F_DUPFD_CLOEXEC"
    }
  }
}
/// `SOCK_NONBLOCK` (= `O_NONBLOCK`).
public let SOCK_NONBLOCK: Int32 = O_NONBLOCK

/// Poll bits used as wake-up keys (`EPOLLIN`, …).
public struct PollMask: OptionSet, Sendable {
  public let rawValue: UInt32
  public init(rawValue: UInt32) { self.rawValue = rawValue }
  public static let EPOLLIN = PollMask(rawValue: 0x001)
  public static let EPOLLPRI = PollMask(rawValue: 0x002)
  public static let EPOLLOUT = PollMask(rawValue: 0x004)
  public static let EPOLLERR = PollMask(rawValue: 0x008)
  public static let EPOLLHUP = PollMask(rawValue: 0x010)
  public static let EPOLLRDNORM = PollMask(rawValue: 0x040)
  public static let EPOLLRDBAND = PollMask(rawValue: 0x080)
  public static let EPOLLNVAL = PollMask(rawValue: 0x020)
  public static let EPOLLWRNORM = PollMask(rawValue: 0x100)
  public static let EPOLLWRBAND = PollMask(rawValue: 0x200)
  public static let EPOLLRDHUP = PollMask(rawValue: 0x2000)
  /// The epoll-only input flags (`EP_PRIVATE_BITS`), which no file reports.
  public static let EPOLLEXCLUSIVE = PollMask(rawValue: 1 << 28)
  public static let EPOLLWAKEUP = PollMask(rawValue: 1 << 29)
  public static let EPOLLONESHOT = PollMask(rawValue: 1 << 30)
  public static let EPOLLET = PollMask(rawValue: 1 << 31)
  /// `EP_PRIVATE_BITS`.
  public static let epollPrivate: PollMask = [.EPOLLWAKEUP, .EPOLLONESHOT, .EPOLLET, .EPOLLEXCLUSIVE]
}

/// `SOCK_MIN_SNDBUF`: `2 × TCP_SKB_MIN_TRUESIZE` (2048 + the aligned `struct sk_buff`).
public let SOCK_MIN_SNDBUF = 4608
/// `SOCK_MIN_RCVBUF`: `TCP_SKB_MIN_TRUESIZE`.
public let SOCK_MIN_RCVBUF = 2304

/// Sent to and from the kernel backend's process hosts (a forked child's calls).
extension SocketType: Codable {}

/// Sent to and from the kernel backend's process hosts (a forked child's calls).
extension PollMask: Codable {}
