/// The error numbers the model can return, with Linux x86_64 values and glibc's messages.
public enum Errno: Int32, Error, Sendable, CaseIterable, CustomStringConvertible {
  case EPERM = 1
  case ENOENT = 2
  case ESRCH = 3
  case EINTR = 4
  case ENXIO = 6
  case EBADF = 9
  case ECHILD = 10
  case EAGAIN = 11
  case ENOMEM = 12
  case EACCES = 13
  case EFAULT = 14
  case EBUSY = 16
  case EEXIST = 17
  case ENOTDIR = 20
  case EISDIR = 21
  case ENOTTY = 25
  case EINVAL = 22
  case ENFILE = 23
  case EMFILE = 24
  case ENOSPC = 28
  case EPIPE = 32
  case EDOM = 33
  case ENAMETOOLONG = 36
  case ENODATA = 61
  case ELOOP = 40
  case ENOTSOCK = 88
  case EMSGSIZE = 90
  case EPROTOTYPE = 91
  case ENOPROTOOPT = 92
  case EPROTONOSUPPORT = 93
  case ESOCKTNOSUPPORT = 94
  case EOPNOTSUPP = 95
  case EAFNOSUPPORT = 97
  case EADDRINUSE = 98
  case ENOBUFS = 105
  case EISCONN = 106
  case ENOTCONN = 107
  case ETOOMANYREFS = 109
  case ECONNRESET = 104
  case ECONNREFUSED = 111

  /// The symbolic name, e.g. `EAGAIN`.
  public var description: String { name }

  /// The symbolic name, e.g. `EAGAIN`.
  public var name: String { Self.caseName(self) }

  /// `strerror(3)` text, as glibc prints it.
  public var message: String { Self.messages[self] ?? "Unknown error \(rawValue)" }

  /// Looks an errno up by its symbolic name (`EWOULDBLOCK` is an alias of `EAGAIN`).
  public init?(name: String) {
    if name == "EWOULDBLOCK" {
      self = .EAGAIN
      return
    }
    guard let found = Self.byName[name] else { return nil }
    self = found
  }

  private static let byName: [String: Errno] = Dictionary(
    uniqueKeysWithValues: allCases.map { (caseName($0), $0) })

  private static func caseName(_ e: Errno) -> String {
    switch e {
    case .EPERM: "EPERM"
    case .ENOENT: "ENOENT"
    case .ESRCH: "ESRCH"
    case .EINTR: "EINTR"
    case .ENXIO: "ENXIO"
    case .EBADF: "EBADF"
    case .ECHILD: "ECHILD"
    case .EAGAIN: "EAGAIN"
    case .ENOMEM: "ENOMEM"
    case .EACCES: "EACCES"
    case .EFAULT: "EFAULT"
    case .EBUSY: "EBUSY"
    case .EEXIST: "EEXIST"
    case .ENOTDIR: "ENOTDIR"
    case .EISDIR: "EISDIR"
    case .ENOTTY: "ENOTTY"
    case .EINVAL: "EINVAL"
    case .ENFILE: "ENFILE"
    case .EMFILE: "EMFILE"
    case .ENOSPC: "ENOSPC"
    case .EPIPE: "EPIPE"
    case .EDOM: "EDOM"
    case .ENAMETOOLONG: "ENAMETOOLONG"
    case .ELOOP: "ELOOP"
    case .ENOTSOCK: "ENOTSOCK"
    case .EMSGSIZE: "EMSGSIZE"
    case .EPROTOTYPE: "EPROTOTYPE"
    case .ENOPROTOOPT: "ENOPROTOOPT"
    case .EPROTONOSUPPORT: "EPROTONOSUPPORT"
    case .ESOCKTNOSUPPORT: "ESOCKTNOSUPPORT"
    case .EOPNOTSUPP: "EOPNOTSUPP"
    case .EAFNOSUPPORT: "EAFNOSUPPORT"
    case .EADDRINUSE: "EADDRINUSE"
    case .ENOBUFS: "ENOBUFS"
    case .EISCONN: "EISCONN"
    case .ENOTCONN: "ENOTCONN"
    case .ECONNRESET: "ECONNRESET"
    case .ECONNREFUSED: "ECONNREFUSED"
    case .ENODATA: "ENODATA"
    case .ETOOMANYREFS: "ETOOMANYREFS"
    }
  }

  private static let messages: [Errno: String] = [
    .EPERM: "Operation not permitted",
    .ENOENT: "No such file or directory",
    .ESRCH: "No such process",
    .EINTR: "Interrupted system call",
    .ENXIO: "No such device or address",
    .EBADF: "Bad file descriptor",
    .ECHILD: "No child processes",
    .EAGAIN: "Resource temporarily unavailable",
    .ENOMEM: "Cannot allocate memory",
    .EACCES: "Permission denied",
    .EFAULT: "Bad address",
    .EBUSY: "Device or resource busy",
    .EEXIST: "File exists",
    .ENOTDIR: "Not a directory",
    .EISDIR: "Is a directory",
    .ENOTTY: "Inappropriate ioctl for device",
    .EINVAL: "Invalid argument",
    .ENFILE: "Too many open files in system",
    .EMFILE: "Too many open files",
    .ENOSPC: "No space left on device",
    .EPIPE: "Broken pipe",
    .EDOM: "Numerical argument out of domain",
    .ENAMETOOLONG: "File name too long",
    .ELOOP: "Too many levels of symbolic links",
    .ENOTSOCK: "Socket operation on non-socket",
    .EMSGSIZE: "Message too long",
    .EPROTOTYPE: "Protocol wrong type for socket",
    .ENOPROTOOPT: "Protocol not available",
    .EPROTONOSUPPORT: "Protocol not supported",
    .ESOCKTNOSUPPORT: "Socket type not supported",
    .EOPNOTSUPP: "Operation not supported",
    .EAFNOSUPPORT: "Address family not supported by protocol",
    .EADDRINUSE: "Address already in use",
    .ENOBUFS: "No buffer space available",
    .EISCONN: "Transport endpoint is already connected",
    .ENOTCONN: "Transport endpoint is not connected",
    .ECONNRESET: "Connection reset by peer",
    .ECONNREFUSED: "Connection refused",
    .ENODATA: "No data available",
    .ETOOMANYREFS: "Too many references: cannot splice",
  ]
}
