import SyscallVocabulary

/// Boot-time parameters and sysctls. Defaults are a stock Linux 6.18 kernel's (and this
/// project's reference machine's); they are never read from the host.
public struct KernelConfig: Sendable, Equatable {
  /// `CONFIG_HZ`.
  public var hz: Int64 = 250
  /// `net.core.somaxconn`: `listen` clamps its backlog to it (`__sys_listen_socket`).
  public var somaxconn: Int32 = 4096
  /// `net.unix.max_dgram_qlen`: copied into `sk_max_ack_backlog` at socket creation.
  public var maxDgramQlen: Int32 = 10
  /// `net.core.wmem_default`: a new socket's `sk_sndbuf`.
  public var wmemDefault = 212_992
  /// `net.core.rmem_default`: a new socket's `sk_rcvbuf`.
  public var rmemDefault = 212_992

  /// `net.core.wmem_max`: `SO_SNDBUF` is clamped to it before doubling.
  public var wmemMax = 4_194_304
  /// `net.core.rmem_max`: `SO_RCVBUF` is clamped to it before doubling.
  public var rmemMax = 4_194_304

  public init(hz: Int64 = 250) { self.hz = hz }
}
