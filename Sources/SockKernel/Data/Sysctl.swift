/// The sysctls that change AF_UNIX behaviour, settable from a script. Their defaults
/// (``KernelConfig``) are a stock 6.18 kernel's, never read from the host.
public enum Sysctl: String, Sendable, CaseIterable, CustomStringConvertible {
  case wmemDefault = "net.core.wmem_default"
  case rmemDefault = "net.core.rmem_default"
  case wmemMax = "net.core.wmem_max"
  case rmemMax = "net.core.rmem_max"
  case somaxconn = "net.core.somaxconn"
  case maxDgramQlen = "net.unix.max_dgram_qlen"

  public var description: String { rawValue }

  /// The file under `/proc/sys`.
  public var procPath: String { "/proc/sys/" + String(rawValue.map { $0 == "." ? "/" : $0 }) }

  /// The range `proc_dointvec_minmax` accepts (`net/core/sysctl_net_core.c`,
  /// `net/unix/sysctl_net_unix.c`); a value outside it is `EINVAL`.
  public var range: ClosedRange<Int64> {
    switch self {
    // extra1 = &min_sndbuf / &min_rcvbuf (SOCK_MIN_SNDBUF / SOCK_MIN_RCVBUF).
    case .wmemDefault, .wmemMax: Int64(SOCK_MIN_SNDBUF)...Int64(Int32.max)
    case .rmemDefault, .rmemMax: Int64(SOCK_MIN_RCVBUF)...Int64(Int32.max)
    // extra1 = SYSCTL_ZERO.
    case .somaxconn: 0...Int64(Int32.max)
    // proc_dointvec: any int.
    case .maxDgramQlen: Int64(Int32.min)...Int64(Int32.max)
    }
  }
}

/// Signals a script can deliver or the kernel can raise.
public enum Signal: Int32, Sendable, CustomStringConvertible {
  /// Delivered by `signal NAME`: its handler is installed without `SA_RESTART`.
  case SIGUSR1 = 10
  /// Delivered by `signal NAME restart`: its handler has `SA_RESTART`.
  case SIGUSR2 = 12
  /// Raised by a stream `send` on a shut-down connection; its default action kills.
  case SIGPIPE = 13

  public var description: String {
    switch self {
    case .SIGUSR1: "SIGUSR1"
    case .SIGUSR2: "SIGUSR2"
    case .SIGPIPE: "SIGPIPE"
    }
  }

  /// Whether the handler was installed with `SA_RESTART`.
  public var restartsSyscalls: Bool { self == .SIGUSR2 }
}

/// Integer `SOL_SOCKET` options.
public enum IntOption: Sendable, CustomStringConvertible {
  case SO_SNDBUF, SO_RCVBUF, SO_ERROR, SO_TYPE

  public var description: String {
    switch self {
    case .SO_SNDBUF: "SO_SNDBUF"
    case .SO_RCVBUF: "SO_RCVBUF"
    case .SO_ERROR: "SO_ERROR"
    case .SO_TYPE: "SO_TYPE"
    }
  }
}
