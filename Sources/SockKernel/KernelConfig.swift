import SyscallVocabulary

/// Boot-time parameters and sysctls. Defaults are a stock Linux 6.18 kernel's (and this
/// project's reference machine's); they are never read from the host.
public struct KernelConfig: Sendable, Equatable {
  /// `CONFIG_HZ` when a run asks for no other: a stock kernel's, and the reference machine's.
  public static let defaultHZ: Int64 = 250
  /// The tick rates a run may ask for (`--hz`, `# hz:`, the kernel backend's measurement):
  /// wider than the rates Linux offers (``usualHZ``). One declaration, so that the
  /// model, the command line, test headers and the docs (checked by a test) agree.
  public static let hzRange: ClosedRange<Int64> = 1...100_000
  /// What an error about a tick rate outside ``hzRange`` suggests instead.
  public static let usualHZ = "Linux uses 100, 250, 300 or 1000"

  /// `CONFIG_HZ`.
  public var hz: Int64 = KernelConfig.defaultHZ
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

  /// Process 1's `RLIMIT_NOFILE` soft limit: no new descriptor at or above it (EMFILE;
  /// EBADF for `dup2`'s target, EINVAL for F_DUPFD's). Process 1 is sockscript on the
  /// kernel backend, whose limit is the machine's and not the script's to set, so the model
  /// gives it the most any process may have, `fs.nr_open`: it never meets EMFILE. A forked
  /// process sets its own (`setrlimit`), as a C program would.
  public var nofile: Int32 = 1_048_576
  /// Process 1's hard limit, the same: only a privileged process raises its hard limit past
  /// the one it has.
  public var nofileMax: UInt64 = 1_048_576
  /// `fs.nr_open`: no RLIMIT_NOFILE above it, even for root (EPERM).
  public var nrOpen: UInt64 = 1_048_576
  /// Whether root holds CAP_SYS_RESOURCE. It does not in the containers sockscript is
  /// verified in (their bounding set drops it: CapEff 0x1fffeffffff), so even root may not
  /// raise a hard limit there; on a plain machine it may.
  public var capSysResource = false

  public init(hz: Int64 = KernelConfig.defaultHZ) { self.hz = hz }
}
