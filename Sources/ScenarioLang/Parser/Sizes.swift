extension Parser {
  /// The largest `send` or `recv` size: the kernel backend really allocates the buffer.
  static let maxTransferSize = 64 << 20

  /// What one unit of a size is, in bytes.
  static let sizeUnits: [String: Int64] = ["KiB": 1024, "MiB": 1024 * 1024]

  /// size := INT | NUMBER ( 'KiB' | 'MiB' ) — a byte count up to 64 MiB.
  mutating func parseSize(_ what: String) throws(Diagnostic) -> Int {
    let token = current
    let bytes: Int64?
    switch token.kind {
    case .number(let text):
      guard !text.contains(".") else { throw error("'\(what)' needs a whole number of bytes, found '\(text)'") }
      bytes = Int64(text)
    case .size(let text, let unit):
      bytes = try Self.bytes(ofSize: text, unit: unit, at: token)
    case .string:
      throw error("'\(what)' takes a size here, not a string")
    default:
      throw error("'\(what)' needs a size in bytes such as 100 or 64KiB, found \(token.spelling)")
    }
    guard let bytes, bytes >= 0, bytes <= Int64(Self.maxTransferSize) else {
      throw Diagnostic(
        "a size must be from 0 to 64 MiB, found \(token.spelling)", at: token.location, length: token.length,
        notes: ["sockscript caps one transfer at 64 MiB, since the kernel backend allocates it for real"])
    }
    advance()
    return Int(bytes)
  }

  /// byteCount := INT | NUMBER ( 'KiB' | 'MiB' ) — an integer that counts bytes (a buffer
  /// size, an option length, what a `send` returns), so a size may stand for it:
  /// `sndbuf 1MiB`. It must fit `T`; `range` says which values fit, for the error.
  mutating func parseByteCount<T: FixedWidthInteger>(
    _ what: String, as type: T.Type, range: String
  ) throws(Diagnostic) -> T {
    let token = current
    guard case .size(let text, let unit) = token.kind else { return try parseInteger(what, as: type, range: range) }
    guard let bytes = try Self.bytes(ofSize: text, unit: unit, at: token), let value = T(exactly: bytes) else {
      throw error("\(what) must be an integer \(range), found \(token.spelling)")
    }
    advance()
    return value
  }

  /// The exact number of bytes of `text` `unit` (`1.5KiB` is 1536), or nil when it does not
  /// fit 64 bits; a size that is not a whole number of bytes is an error at `token`.
  static func bytes(ofSize text: String, unit: String, at token: Token) throws(Diagnostic) -> Int64? {
    let scale = sizeUnits[unit]!
    switch ScaledDecimal(text, times: scale) {
    case .exact(let bytes):
      return bytes
    case .overflow:
      return nil
    case .fractional:
      throw Diagnostic(
        "'\(text)\(unit)' is not a whole number of bytes", at: token.location, length: token.length,
        notes: ["\(text)\(unit) is \(ScaledDecimal.exactText(text, times: scale)) bytes (1KiB is 1024, 1MiB 1048576)"])
    }
  }
}
