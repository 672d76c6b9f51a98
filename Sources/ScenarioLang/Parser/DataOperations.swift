import SockKernel
import SyscallVocabulary

extension Parser {
  /// send := 'send' ( STRING | size ) { flag } [ 'to' ( address | NAME ) { flag } ]
  /// flag := 'dontwait' | 'nosignal' — before or after the target, each at most once.
  mutating func parseSend() throws(Diagnostic) -> Operation.Kind {
    let data = try parseData("send")
    let (flags, target) = try parseSendFlagsAndTarget()
    return .send(data, flags: flags, to: target)
  }

  /// { flag } [ 'to' ( address | NAME ) { flag } ]: what follows the data of `send` and
  /// `sendmmsg`. sendto(2) takes its flags and its address in one call: the order of the
  /// words is free.
  mutating func parseSendFlagsAndTarget() throws(Diagnostic) -> (MessageFlags, ConnectTarget?) {
    var flags = try parseFlags(MessageFlagWord.send)
    var target: ConnectTarget?
    if currentIs(.to) {
      advance()
      target = try parseTarget("to")
      flags = try parseFlags(MessageFlagWord.send, adding: flags)
    }
    return (flags, target)
  }

  /// recv := 'recv' size { 'peek' | 'waitall' | 'dontwait' | 'trunc' }
  mutating func parseRecv() throws(Diagnostic) -> Operation.Kind {
    let size = try parseSize("recv")
    let flags = try parseFlags(MessageFlagWord.recv)
    return .recv(size, flags: flags)
  }

  /// What `send` or `write` sends: a string, or a size of NUL bytes.
  mutating func parseData(_ word: String) throws(Diagnostic) -> Payload {
    if case .string(let bytes) = current.kind {
      guard bytes.count <= Self.maxTransferSize else { throw error("a string to \(word) is at most 64 MiB") }
      advance()
      return .bytes(bytes)
    }
    return .zeros(try parseSize(word))
  }

  /// Flag words after an operation, each at most once (counting those `adding` already has).
  mutating func parseFlags(
    _ words: [MessageFlagWord], adding given: MessageFlags = []
  ) throws(Diagnostic) -> MessageFlags {
    var flags = given
    while let word = currentWord, let flagWord = MessageFlagWord(rawValue: word), words.contains(flagWord) {
      let flag = flagWord.flag
      if flags.contains(flag) { throw error("'\(word)' is given twice") }
      flags.insert(flag)
      advance()
    }
    return flags
  }

  /// What `poll` asks for when no event is named: everything `unix_poll` can report.
  static let defaultPollEvents: PollMask = [.EPOLLIN, .EPOLLOUT, .EPOLLRDHUP, .EPOLLPRI]

  /// poll := 'poll' [ item { ',' item } ] [ 'timeout' ( duration | 'forever' ) ]
  /// item := [ NAME ] ( '0' | { 'in' | 'out' | 'rdhup' | 'pri' } )   ('0': events = 0)
  mutating func parsePoll() throws(Diagnostic) -> Operation.Kind {
    .poll(try parsePollItems(), timeoutMs: try parsePollTimeout("poll"))
  }

  /// [ item { ',' item } ] of `poll` and `ppoll`.
  mutating func parsePollItems() throws(Diagnostic) -> [PollItem] {
    var items: [PollItem] = []
    repeat {
      if !items.isEmpty { advance() }  // the ','
      var name: Name?
      if let word = currentWord, Self.canReferToSocket(word) {
        name = try makeName(word)
        advance()
      } else if !items.isEmpty {
        throw error("each socket after ',' in 'poll' needs its name, found \(current.spelling)")
      }
      // `0`: no events asked for, so only POLLERR, POLLHUP and POLLNVAL can come back.
      if case .number(let text) = current.kind, text == "0", next.kind != .rightBracket {
        advance()
        items.append(PollItem(name: name, events: []))
        continue
      }
      var events: PollMask = []
      while let event = currentWord.flatMap(PollEventWord.init(rawValue:)) {
        events.insert(event.mask)
        advance()
      }
      items.append(PollItem(name: name, events: events.isEmpty ? Self.defaultPollEvents : events))
    } while current.kind == .comma
    return items
  }

  /// [ 'timeout' ( duration | 'forever' ) ] of `poll` and `epoll_wait`: whole milliseconds,
  /// -1 for forever, 0 when left out.
  mutating func parsePollTimeout(_ call: String) throws(Diagnostic) -> Int32 {
    guard currentIs(.timeout) else { return 0 }
    advance()
    if currentIs(.forever) {
      advance()
      return -1
    }
    let token = current
    let ns = try parseDuration("timeout")
    guard ns >= 0, ns % 1_000_000 == 0, ns / 1_000_000 <= Int64(Int32.max) else {
      throw Diagnostic(
        "\(call)'s timeout is a whole number of milliseconds up to 2147483647ms", at: token.location,
        length: token.length, notes: ["or 'timeout forever'"])
    }
    return Int32(ns / 1_000_000)
  }

  /// The values of SO_TYPE by the names the trace prints them with.
  static let socketTypeNames: [String: SocketType] = Dictionary(
    uniqueKeysWithValues: [SocketType.stream, .dgram, .seqpacket, .raw].map { ("\($0)", $0) })

  /// '[' ( bytes | ERRNO | SOCK_TYPE | events { ',' events } ) ']' — a `getsockopt` value
  /// (as the trace prints it: `[4608]`, `[ECONNRESET]`, `[SOCK_STREAM]`) or `poll`'s revents.
  mutating func parseBracketedResult() throws(Diagnostic) -> Expectation.Result {
    try expect(.leftBracket, "'['")
    // `[0, IN]` is a poll's revents (0 for the first socket), not an option value.
    if case .number(let text) = current.kind, !(text == "0" && next.kind == .comma) {
      let value = try parseInt32("the option's value")
      try expect(.rightBracket, "']'")
      return .option(value)
    }
    // A buffer size read back may be written as a size: `get sndbuf = [4.5KiB]`.
    if case .size = current.kind {
      let value = try parseByteCount("the option's value", as: Int32.self, range: Self.intRange)
      try expect(.rightBracket, "']'")
      return .option(value)
    }
    if let word = currentWord, let errno = Errno(name: word) {
      advance()
      try expect(.rightBracket, "']'")
      return .option(errno.rawValue)
    }
    // `fcntl getfl` and `getfd` read flags, which the trace prints by their C names.
    if let word = currentWord, FileFlagWord(rawValue: word) != nil || word.hasPrefix("O_") || word.hasPrefix("FD_") {
      let flags = try parseFileFlags()
      try expect(.rightBracket, "']'")
      return .option(flags)
    }
    // `get type` reads a socket type, which the trace prints by its C name.
    if let word = currentWord, let type = Self.socketTypeNames[word] {
      advance()
      try expect(.rightBracket, "']'")
      return .option(type.rawValue)
    }
    var all: [PollMask] = []
    repeat {
      if !all.isEmpty { advance() }
      all.append(try parseEvents())
    } while current.kind == .comma
    try expect(.rightBracket, "']'")
    return .revents(all)
  }

  /// events := '0' | EVENT { '|' EVENT } — `IN`, `OUT`, `HUP`, … (`POLL` prefix optional).
  mutating func parseEvents() throws(Diagnostic) -> PollMask {
    if case .number(let text) = current.kind, text == "0" {
      advance()
      return []
    }
    var mask: PollMask = []
    while true {
      guard let word = currentWord else {
        throw error("expected poll events such as IN|OUT, or 0, found \(current.spelling)")
      }
      let bare = word.hasPrefix("POLL") ? String(word.dropFirst(4)) : word
      if word.hasPrefix("SOCK_") {
        throw error(
          "unknown socket type '\(word)'",
          notes: Self.suggestion(for: word, among: Self.socketTypeNames.keys.sorted())
            + ["'get type' reads SOCK_STREAM, SOCK_DGRAM or SOCK_SEQPACKET"])
      }
      if word.hasPrefix("E"), ReventWord(rawValue: bare) == nil {
        throw error("unknown errno '\(word)'", notes: Self.suggestion(for: word, among: Errno.allCases.map(\.name)))
      }
      guard let event = ReventWord(rawValue: bare) else {
        throw error(
          "unknown poll event '\(word)'",
          notes: Self.suggestion(for: bare, among: ReventWord.allCases.map(\.rawValue).sorted())
            + ["events: " + ReventWord.allCases.map(\.rawValue).joined(separator: ", ")])
      }
      mask.insert(event.mask)
      advance()
      guard current.kind == .pipe else { return mask }
      advance()
    }
  }
}
