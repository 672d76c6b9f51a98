import SockKernel
import SyscallVocabulary

extension Parser {
  /// address := STRING | '@' ( WORD | STRING )
  mutating func parseAddressIfPresent() throws(Diagnostic) -> Address? {
    switch current.kind {
    case .string(let bytes):
      advance()
      return .path(bytes)
    case .at:
      advance()
      switch current.kind {
      case .word(let w):
        advance()
        return .abstract(Array(w.utf8))
      case .string(let bytes):
        advance()
        return .abstract(bytes)
      default:
        throw error("'@' must be followed by an abstract name, found \(current.spelling)")
      }
    default:
      return nil
    }
  }

  /// timeout := duration | '0' | '{' INT ',' INT '}' — the timeval that setsockopt receives.
  mutating func parseTimeval(_ option: String) throws(Diagnostic) -> Timeval {
    if current.kind == .leftBrace { return try parseRawTimeval() }
    let token = current
    let ns = try parseDuration(option)
    guard ns % 1000 == 0 else {
      throw Diagnostic(
        "\(option) is a timeval: a whole number of microseconds", at: token.location, length: token.length,
        notes: ["use us, ms or s, or write {sec, usec}"])
    }
    let usec = ns / 1000
    // Floor division, so that -1.5s is {-2, 500000} as timeval arithmetic has it.
    var seconds = usec / USEC_PER_SEC
    var micro = usec % USEC_PER_SEC
    if micro < 0 {
      seconds -= 1
      micro += USEC_PER_SEC
    }
    return Timeval(seconds: seconds, microseconds: micro)
  }

  /// '{' [ 'tv_sec' '=' ] INT ',' [ 'tv_usec' '=' ] INT '}' — any `long` values, so every
  /// `sock_set_timeout` case can be written; with the field names, as the trace prints it.
  mutating func parseRawTimeval() throws(Diagnostic) -> Timeval {
    try expect(.leftBrace, "'{'")
    openBraces.append(.timeval)
    try skipFieldName("tv_sec")
    let seconds = try parseInt64("tv_sec")
    try expect(.comma, "',' between tv_sec and tv_usec")
    try skipFieldName("tv_usec")
    let micro = try parseInt64("tv_usec")
    try expect(.rightBrace, "'}'")
    openBraces.removeLast()
    return Timeval(seconds: seconds, microseconds: micro)
  }

  /// `FIELD =` before a timeval's member, when it is written.
  private mutating func skipFieldName(_ field: String) throws(Diagnostic) {
    guard currentWord == field else { return }
    advance()
    try expect(.equals, "'=' after \(field)")
  }

  /// duration := NUMBER UNIT | '0' — in nanoseconds.
  mutating func parseDuration(_ what: String) throws(Diagnostic) -> Nanoseconds {
    let token = current
    switch token.kind {
    case .duration(let text, let unit):
      advance()
      let scale: Int64 =
        switch unit {
        case "ns": 1
        case "us": 1_000
        case "ms": 1_000_000
        default: 1_000_000_000
        }
      switch ScaledDecimal(text, times: scale) {
      case .exact(let ns):
        return ns
      case .fractional:
        throw Diagnostic(
          "'\(text)\(unit)' is finer than a nanosecond", at: token.location, length: token.length,
          notes: ["durations are whole nanoseconds: \(unit == "ns" ? "drop the fraction" : "use fewer decimals")"])
      case .overflow:
        throw Diagnostic(
          "'\(text)\(unit)' is out of range", at: token.location, length: token.length,
          notes: ["durations must fit in 64-bit nanoseconds: at most 9223372036854775807ns (about 292 years)"])
      }
    case .number(let text) where Self.scaled(text, by: 1) == 0:
      advance()
      return 0
    case .number(let text):
      throw Diagnostic(
        "'\(text)' needs a time unit", at: token.location, length: token.length,
        notes: ["write e.g. \(text)s or \(text)ms (only 0 may go without a unit)"])
    default:
      throw error("'\(what)' needs a duration such as 1s or 500ms, found \(token.spelling)")
    }
  }

  /// Exact decimal `text` × `scale`, or nil on overflow or a fraction left over.
  static func scaled(_ text: String, by scale: Int64) -> Int64? {
    guard case .exact(let value) = ScaledDecimal(text, times: scale) else { return nil }
    return value
  }

  /// Which values a C long or int holds, for errors: "must be an integer \(range)".
  static let longRange = "that fits a C long (64 bits)"
  static let intRange = "from -2147483648 to 2147483647"

  mutating func parseInt64(_ what: String) throws(Diagnostic) -> Int64 {
    try parseInteger(what, as: Int64.self, range: Self.longRange)
  }

  mutating func parseInt32(_ what: String) throws(Diagnostic) -> Int32 {
    try parseInteger(what, as: Int32.self, range: Self.intRange)
  }

  /// An integer literal that must fit `T`; `range` says which values fit, for the error.
  mutating func parseInteger<T: FixedWidthInteger>(
    _ what: String, as: T.Type, range: String
  ) throws(Diagnostic) -> T {
    guard case .number(let text) = current.kind else {
      throw error("\(what) must be an integer, found \(current.spelling)")
    }
    guard !text.contains("."), let value = T(text) else {
      throw error("\(what) must be an integer \(range), found '\(text)'")
    }
    advance()
    return value
  }
}

extension Parser {
  /// Whether the braces at the current token hold three numbers (`{1, 0, 0}`, a ucred)
  /// rather than two (a timeval).
  var bracesHoldThree: Bool {
    var commas = 0
    var index = position + 1
    while index < tokens.count {
      switch tokens[index].kind {
      case .comma: commas += 1
      case .rightBrace, .newline, .semicolon, .endOfFile: return commas == 2
      default: break
      }
      index += 1
    }
    return false
  }

  /// ucred := '{' [ 'pid' '=' ] INT ',' [ 'uid' '=' ] ID ',' [ 'gid' '=' ] ID '}' — what
  /// SO_PEERCRED reads; an ID of -1 is one that is not set.
  mutating func parseUcred() throws(Diagnostic) -> PeerCred {
    try expect(.leftBrace, "'{'")
    openBraces.append(.timeval)
    try skipField(.pid)
    let pidToken = current
    let pid = try parseInt64("pid")
    guard let pid32 = Int32(exactly: pid), pid32 >= 0 else {
      throw Diagnostic("a pid is 0 … 2147483647, not \(pid)", at: pidToken.location, length: pidToken.length)
    }
    try expect(.comma, "',' between pid and uid")
    try skipField(.uid)
    let uid = try parseId("uid")
    try expect(.comma, "',' between uid and gid")
    try skipField(.gid)
    let gid = try parseId("gid")
    try expect(.rightBrace, "'}'")
    openBraces.removeLast()
    return PeerCred(pid: pid32, uid: uid, gid: gid)
  }

  private mutating func skipField(_ field: PlainWord) throws(Diagnostic) {
    guard currentWord == field.rawValue else { return }
    advance()
    try expect(.equals, "'=' after \(field.rawValue)")
  }

  /// A uid or gid: 0 … 4294967295, or -1 for none.
  private mutating func parseId(_ what: String) throws(Diagnostic) -> UInt32 {
    let at = current
    let value = try parseInt64(what)
    if value == -1 { return UInt32.max }
    guard let id = UInt32(exactly: value) else {
      throw Diagnostic("a \(what) is 0 … 4294967295 or -1, not \(value)", at: at.location, length: at.length)
    }
    return id
  }
}
