/// `struct __kernel_old_timeval` as `SO_SNDTIMEO`/`SO_RCVTIMEO` carry it on x86_64.
public struct Timeval: Sendable, Equatable, CustomStringConvertible {
  /// `tv_sec` (a C `long`).
  public var seconds: Int64
  /// `tv_usec` (a C `long`).
  public var microseconds: Int64

  public init(seconds: Int64, microseconds: Int64) {
    self.seconds = seconds
    self.microseconds = microseconds
  }

  /// `sizeof(struct timeval)` on x86_64.
  public static let size: Int32 = 16

  /// strace's rendering: `{tv_sec=1, tv_usec=0}`.
  public var description: String { "{tv_sec=\(seconds), tv_usec=\(microseconds)}" }
}

/// Sent to and from the kernel backend's process hosts (a forked child's calls).
extension Timeval: Codable {}
