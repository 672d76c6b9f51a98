/// `flags` of `send(2)`/`recv(2)` (`MSG_*`, `include/linux/socket.h`).
public struct MessageFlags: OptionSet, Sendable, Hashable, CustomStringConvertible {
  public let rawValue: Int32
  public init(rawValue: Int32) { self.rawValue = rawValue }

  public static let MSG_OOB = MessageFlags(rawValue: 0x1)
  public static let MSG_PEEK = MessageFlags(rawValue: 0x2)
  public static let MSG_CTRUNC = MessageFlags(rawValue: 0x8)
  public static let MSG_TRUNC = MessageFlags(rawValue: 0x20)
  public static let MSG_DONTWAIT = MessageFlags(rawValue: 0x40)
  public static let MSG_EOR = MessageFlags(rawValue: 0x80)
  public static let MSG_WAITALL = MessageFlags(rawValue: 0x100)
  public static let MSG_NOSIGNAL = MessageFlags(rawValue: 0x4000)
  /// `recvmmsg` only: after the first message, do not wait for more.
  public static let MSG_WAITFORONE = MessageFlags(rawValue: 0x10000)
  /// `recvmsg` only: received descriptors get FD_CLOEXEC.
  public static let MSG_CMSG_CLOEXEC = MessageFlags(rawValue: 0x4000_0000)

  package static let named: [(MessageFlags, String)] = [
    (.MSG_OOB, "MSG_OOB"), (.MSG_PEEK, "MSG_PEEK"), (.MSG_CTRUNC, "MSG_CTRUNC"), (.MSG_TRUNC, "MSG_TRUNC"),
    (.MSG_DONTWAIT, "MSG_DONTWAIT"), (.MSG_EOR, "MSG_EOR"), (.MSG_WAITALL, "MSG_WAITALL"),
    (.MSG_NOSIGNAL, "MSG_NOSIGNAL"), (.MSG_WAITFORONE, "MSG_WAITFORONE"), (.MSG_CMSG_CLOEXEC, "MSG_CMSG_CLOEXEC"),
  ]

  /// `MSG_DONTWAIT|MSG_NOSIGNAL`, or `0`.
  public var description: String {
    let names = Self.named.filter { contains($0.0) }.map(\.1)
    return names.isEmpty ? "0" : names.joined(separator: "|")
  }
}

/// Sent to and from the kernel backend's process hosts (a forked child's calls).
extension MessageFlags: Codable {}
