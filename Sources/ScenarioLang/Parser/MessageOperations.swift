import SockKernel
import SyscallVocabulary

extension Parser {
  /// The most iovecs one message may have (`UIO_MAXIOV`).
  static let maxIovecs = 1024
  /// The largest control buffer a `recvmsg` may give.
  static let maxControlLength = 64 << 10

  /// sendmsg := 'sendmsg' data { ',' data } parts — each data one iovec.
  mutating func parseSendmsg() throws(Diagnostic) -> Operation.Kind {
    let iov = try parseIovecs { (p: inout Parser) throws(Diagnostic) in try p.parseData("sendmsg") }
    try checkMessageSize(iov.reduce(0) { $0 + $1.count })
    return .sendmsg(iov, try parseSendParts())
  }

  /// parts := { 'creds' ucred | 'rights' descriptor { ',' descriptor }
  ///          | 'cmsg' level type [ 'len' INT ] [ STRING ] | flag | 'to' ( address | NAME ) }
  /// level := 'SOL_SOCKET' | INT      type := 'SCM_RIGHTS' | 'SCM_CREDENTIALS' | INT
  /// descriptor := [ INT ] NAME — INT copies of the named socket's descriptor
  /// The parts come in any order, each at most once (`cmsg` as often as wanted).
  mutating func parseSendParts() throws(Diagnostic) -> SendParts {
    var parts = SendParts()
    var rightsGiven = false
    while true {
      if currentWord == MessageHeaderWord.creds.rawValue {
        if parts.credentials != nil { throw error("'creds' is given twice") }
        advance()
        guard current.kind == .leftBrace else {
          throw error("'creds' needs the credentials to claim: {PID, UID, GID}, found \(current.spelling)")
        }
        parts.credentials = try parseUcred()
      } else if currentWord == MessageHeaderWord.cmsg.rawValue {
        advance()
        parts.raw.append(try parseRawControlMessage())
      } else if currentWord == MessageHeaderWord.rights.rawValue {
        if rightsGiven { throw error("'rights' is given twice") }
        rightsGiven = true
        advance()
        parts.rights = try parseRightsList()
      } else if currentIs(.to) {
        if parts.target != nil { throw error("'to' is given twice") }
        advance()
        parts.target = try parseTarget("to")
      } else if let word = currentWord, let flag = MessageFlagWord(rawValue: word),
        MessageFlagWord.send.contains(flag)
      {
        parts.flags = try parseFlags(MessageFlagWord.send, adding: parts.flags)
      } else {
        return parts
      }
    }
  }

  /// level type [ 'len' INT ] [ STRING ]: a control message as the script spells it.
  private mutating func parseRawControlMessage() throws(Diagnostic) -> RawControlMessage {
    let level = try parseControlValue("level", named: [.SOL_SOCKET])
    let type = try parseControlValue("type", named: [.SCM_RIGHTS, .SCM_CREDENTIALS])
    var length: Int?
    if currentWord == MessageHeaderWord.len.rawValue {
      advance()
      let token = current
      length = Int(try parseInt32("cmsg_len"))
      guard length! >= 0 else {
        throw Diagnostic("cmsg_len is a size_t: 0 or more", at: token.location, length: token.length)
      }
    }
    var data: [UInt8] = []
    if case .string(let bytes) = current.kind {
      guard bytes.count <= Self.maxControlLength else { throw error("a control message's data is at most 64KiB") }
      data = bytes
      advance()
    }
    return RawControlMessage(level: level, type: type, length: length, data: data)
  }

  /// A `cmsg`'s level or type: one of the `named` words, or a number.
  private mutating func parseControlValue(_ what: String, named: [ControlWord]) throws(Diagnostic) -> Int32 {
    if let word = currentWord, let control = ControlWord(rawValue: word), named.contains(control) {
      advance()
      return control.value
    }
    if case .number = current.kind { return try parseInt32("the cmsg \(what)") }
    throw error(
      "'cmsg' needs its \(what): \(named.map(\.rawValue).joined(separator: ", ")) or a number, found \(current.spelling)"
    )
  }

  /// The descriptors of `rights`: each NAME once, or INT times (`rights 254 a`).
  private mutating func parseRightsList() throws(Diagnostic) -> [Name] {
    var names: [Name] = []
    repeat {
      if !names.isEmpty { advance() }  // the ','
      var copies = 1
      if case .number = current.kind {
        let token = current
        copies = Int(try parseInt32("the number of copies"))
        guard copies >= 1 else {
          throw Diagnostic("a descriptor is sent at least once", at: token.location, length: token.length)
        }
      }
      guard let word = currentWord, Self.canReferToSocket(word) else {
        throw error("'rights' needs the names of the sockets whose descriptors it sends, found \(current.spelling)")
      }
      guard names.count + copies <= Self.maxIovecs else {
        throw error("one message sends at most \(Self.maxIovecs) descriptors here")
      }
      let name = try makeName(word)
      advance()
      names += repeatElement(name, count: copies)
    } while current.kind == .comma
    return names
  }

  /// recvmsg := 'recvmsg' size { ',' size } { 'name' | 'control' bytes
  ///            | 'rights' 'as' NAME { ',' NAME } | flag }
  /// flag := 'peek' | 'waitall' | 'dontwait' | 'trunc' | 'cmsg_cloexec'
  /// Each size is one iovec; the parts after it come in any order, each at most once.
  mutating func parseRecvmsg() throws(Diagnostic) -> Operation.Kind {
    let iov = try parseIovecs { (p: inout Parser) throws(Diagnostic) in try p.parseSize("recvmsg") }
    try checkMessageSize(iov.reduce(0, +))
    var name = false
    var control: Int?
    var rightsAs: [Name]?
    var flags: MessageFlags = []
    while let word = currentWord {
      if let part = MessageHeaderWord(rawValue: word) {
        switch part {
        case .creds:
          throw error(
            "'creds' claims credentials on 'sendmsg'; a 'recvmsg' receives them",
            notes: ["turn SO_PASSCRED on ('passcred on') and give a control buffer: 'recvmsg 10 control 32'"])
        case .cmsg, .len:
          throw error(
            "'\(word)' spells out a control message of 'sendmsg'; a 'recvmsg' gives a buffer for them",
            notes: ["write 'control N' for a buffer of N bytes"])
        case .name:
          if name { throw error("'name' is given twice") }
          advance()
          name = true
        case .control:
          if control != nil { throw error("'control' is given twice") }
          advance()
          control = try parseControlLength()
        case .rights:
          if rightsAs != nil { throw error("'rights' is given twice") }
          advance()
          guard currentIs(.as) else {
            throw error("'recvmsg' names the descriptors it receives: 'rights as NAME, …', found \(current.spelling)")
          }
          var names: [Name] = []
          repeat {
            advance()  // 'as' or ','
            names.append(try parseNewDescriptorName("rights as"))
          } while current.kind == .comma
          rightsAs = names
        }
      } else if let flag = MessageFlagWord(rawValue: word), MessageFlagWord.recvmsg.contains(flag) {
        flags = try parseFlags(MessageFlagWord.recvmsg, adding: flags)
      } else {
        break
      }
    }
    return .recvmsg(iov, name: name, control: control, rightsAs: rightsAs ?? [], flags: flags)
  }

  /// ITEM { ',' ITEM }: a message's iovecs, at most UIO_MAXIOV.
  private mutating func parseIovecs<T>(
    _ item: (inout Parser) throws(Diagnostic) -> T
  ) throws(Diagnostic) -> [T] {
    var iov = [try item(&self)]
    while current.kind == .comma {
      advance()
      guard iov.count < Self.maxIovecs else {
        throw error("a message has at most \(Self.maxIovecs) iovecs (UIO_MAXIOV)")
      }
      iov.append(try item(&self))
    }
    return iov
  }

  /// A message's iovecs hold at most 64 MiB together.
  private func checkMessageSize(_ total: Int) throws(Diagnostic) {
    guard total <= Self.maxTransferSize else {
      throw error("a message is at most 64 MiB in all", notes: ["the kernel backend allocates it for real"])
    }
  }

  /// sendmmsg := 'sendmmsg' data { ',' data } parts — one message per data, each with the
  /// parts.
  mutating func parseSendmmsg() throws(Diagnostic) -> Operation.Kind {
    let messages = try parseIovecs { (p: inout Parser) throws(Diagnostic) in try p.parseData("sendmmsg") }
    try checkMessageSize(messages.reduce(0) { $0 + $1.count })
    return .sendmmsg(messages, try parseSendParts())
  }

  /// recvmmsg := 'recvmmsg' size { ',' size } { 'name' | 'control' bytes | flag
  ///             | 'timeout' duration } — one message per size, each with the buffers;
  /// flag := a recvmsg flag | 'waitforone'.
  mutating func parseRecvmmsg() throws(Diagnostic) -> Operation.Kind {
    let sizes = try parseIovecs { (p: inout Parser) throws(Diagnostic) in try p.parseSize("recvmmsg") }
    try checkMessageSize(sizes.reduce(0, +))
    var name = false
    var control: Int?
    var flags: MessageFlags = []
    var timeout: Nanoseconds?
    while let word = currentWord {
      if word == MessageHeaderWord.name.rawValue {
        if name { throw error("'name' is given twice") }
        advance()
        name = true
      } else if word == MessageHeaderWord.control.rawValue {
        if control != nil { throw error("'control' is given twice") }
        advance()
        control = try parseControlLength()
      } else if word == MessageHeaderWord.rights.rawValue {
        throw error(
          "'recvmmsg' does not name the descriptors it receives",
          notes: ["give its messages room with 'control N', or receive with 'recvmsg … rights as NAME'"])
      } else if currentIs(.timeout) {
        if timeout != nil { throw error("'timeout' is given twice") }
        advance()
        let token = current
        let ns = try parseDuration("timeout")
        guard ns >= 0 else {
          throw Diagnostic(
            "recvmmsg's timeout cannot be negative", at: token.location, length: token.length,
            notes: ["leave 'timeout' out for none (NULL)"])
        }
        timeout = ns
      } else if let flag = MessageFlagWord(rawValue: word), MessageFlagWord.recvmmsg.contains(flag) {
        flags = try parseFlags(MessageFlagWord.recvmmsg, adding: flags)
      } else {
        break
      }
    }
    return .recvmmsg(sizes, name: name, control: control, flags: flags, timeout: timeout)
  }

  /// bytes — a control buffer's size, up to 64 KiB.
  private mutating func parseControlLength() throws(Diagnostic) -> Int {
    let token = current
    let length = try parseByteCount(
      "the control buffer's size", as: Int32.self, range: "from 0 to \(Self.maxControlLength)")
    guard length >= 0, length <= Self.maxControlLength else {
      throw Diagnostic(
        "a control buffer is from 0 to 64KiB", at: token.location, length: token.length,
        notes: ["'control 0' passes msg_control = NULL"])
    }
    return Int(length)
  }

  /// A destination: an address, or the name of a socket whose address it is.
  mutating func parseTarget(_ word: String) throws(Diagnostic) -> ConnectTarget {
    if let address = try parseAddressIfPresent() { return .address(address) }
    guard let name = currentWord, Self.canReferToSocket(name) else {
      throw error("'\(word)' needs an address or a socket's name, found \(current.spelling)")
    }
    defer { advance() }
    return .socket(try makeName(name))
  }
}
