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

/// Sent to and from the kernel backend's process hosts (a forked child's calls).
extension Sysctl: Codable {}
