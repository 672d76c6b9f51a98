/// Signals a script can deliver or the kernel can raise.
public enum Signal: Int32, Sendable, CustomStringConvertible, CaseIterable {
  /// Kills; cannot be caught or ignored.
  case SIGKILL = 9
  /// Delivered by `signal NAME`.
  case SIGUSR1 = 10
  /// Delivered by `signal NAME restart`.
  case SIGUSR2 = 12
  /// Raised by a stream `send` on a shut-down connection; its default action kills.
  case SIGPIPE = 13
  /// `kill`'s default; its default action kills.
  case SIGTERM = 15
  /// Sent to a socket file's owner when out-of-band data arrives; its default action is
  /// to ignore it, so only a handler (`handle SIGURG`) makes it observable.
  case SIGURG = 23

  public var description: String {
    switch self {
    case .SIGUSR1: "SIGUSR1"
    case .SIGUSR2: "SIGUSR2"
    case .SIGPIPE: "SIGPIPE"
    case .SIGKILL: "SIGKILL"
    case .SIGTERM: "SIGTERM"
    case .SIGURG: "SIGURG"
    }
  }
}

/// Sent to and from the kernel backend's process hosts (a forked child's calls).
extension Signal: Codable {}
