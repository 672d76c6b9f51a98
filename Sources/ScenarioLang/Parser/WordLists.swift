import SockKernel
import SyscallVocabulary

/// The words an operation takes after it, declared once: the parser reads them from here,
/// and so does the REPL's Tab completion, so that the two cannot drift apart.
extension Parser {
  /// What `get` reads, in the order its error lists them.
  static let gettableOptions: [(word: String, kind: Operation.Kind)] = [
    ("sndtimeo", .getTimeout(.SO_SNDTIMEO)), ("rcvtimeo", .getTimeout(.SO_RCVTIMEO)),
    ("sndbuf", .getOption(.SO_SNDBUF)), ("rcvbuf", .getOption(.SO_RCVBUF)), ("error", .getOption(.SO_ERROR)),
    ("type", .getOption(.SO_TYPE)),
  ]

  /// `send`'s flags.
  static let sendFlagWords: [String: MessageFlags] = ["dontwait": .MSG_DONTWAIT, "nosignal": .MSG_NOSIGNAL]

  /// `recv`'s flags.
  static let recvFlagWords: [String: MessageFlags] = [
    "peek": .MSG_PEEK, "waitall": .MSG_WAITALL, "dontwait": .MSG_DONTWAIT, "trunc": .MSG_TRUNC,
  ]

  /// `shutdown`'s how, by name, in the order its error lists them.
  static let shutdownWords: [(word: String, how: Int32)] = [("rd", SHUT_RD), ("wr", SHUT_WR), ("rdwr", SHUT_RDWR)]

  /// `nonblock on` and `nonblock off`.
  static let nonblockWords: [String: Bool] = ["on": true, "off": false]
}
