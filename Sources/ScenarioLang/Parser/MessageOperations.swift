import SockKernel
import SyscallVocabulary

extension Parser {
  /// The most iovecs one message may have (`UIO_MAXIOV`).
  static let maxIovecs = 1024
  /// The largest control buffer a `recvmsg` may give.
  static let maxControlLength = 64 << 10

  /// sendmsg := 'sendmsg' data { ',' data } { 'creds' ucred | 'rights' descriptor { ',' descriptor }
  ///            | flag | 'to' ( address | NAME ) }
  /// descriptor := [ INT ] NAME — INT copies of the named socket's descriptor
  /// Each data is one iovec; the parts after it come in any order, each at most once.
  mutating func parseSendmsg() throws(Diagnostic) -> Operation.Kind {
    let iov = try parseIovecs { (p: inout Parser) throws(Diagnostic) in try p.parseData("sendmsg") }
    try checkMessageSize(iov.reduce(0) { $0 + $1.count })
    var rights: [Name]?
    var credentials: PeerCred?
    var flags: MessageFlags = []
    var target: ConnectTarget?
    while true {
      if currentWord == MessageHeaderWord.creds.rawValue {
        if credentials != nil { throw error("'creds' is given twice") }
        advance()
        guard current.kind == .leftBrace else {
          throw error("'creds' needs the credentials to claim: {PID, UID, GID}, found \(current.spelling)")
        }
        credentials = try parseUcred()
      } else if currentWord == MessageHeaderWord.rights.rawValue {
        if rights != nil { throw error("'rights' is given twice") }
        advance()
        rights = try parseRightsList()
      } else if currentIs(.to) {
        if target != nil { throw error("'to' is given twice") }
        advance()
        target = try parseTarget("to")
      } else if let word = currentWord, let flag = MessageFlagWord(rawValue: word),
        MessageFlagWord.send.contains(flag)
      {
        flags = try parseFlags(MessageFlagWord.send, adding: flags)
      } else {
        break
      }
    }
    return .sendmsg(iov, credentials: credentials, rights: rights ?? [], flags: flags, to: target)
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
      if word == MessageHeaderWord.creds.rawValue {
        throw error(
          "'creds' claims credentials on 'sendmsg'; a 'recvmsg' receives them",
          notes: ["turn SO_PASSCRED on ('passcred on') and give a control buffer: 'recvmsg 10 control 32'"])
      }
      if let part = MessageHeaderWord(rawValue: word), part != .creds {
        let given =
          switch part {
          case .name: name
          case .control: control != nil
          case .rights: rightsAs != nil
          case .creds: false
          }
        if given { throw error("'\(word)' is given twice") }
        advance()
        switch part {
        case .name:
          name = true
        case .control:
          let token = current
          let length = try parseByteCount(
            "the control buffer's size", as: Int32.self, range: "from 0 to \(Self.maxControlLength)")
          guard length >= 0, length <= Self.maxControlLength else {
            throw Diagnostic(
              "a control buffer is from 0 to 64KiB", at: token.location, length: token.length,
              notes: ["'control 0' passes msg_control = NULL"])
          }
          control = Int(length)
        case .rights:
          guard currentIs(.as) else {
            throw error("'recvmsg' names the descriptors it receives: 'rights as NAME, …', found \(current.spelling)")
          }
          var names: [Name] = []
          repeat {
            advance()  // 'as' or ','
            names.append(try parseNewDescriptorName("rights as"))
          } while current.kind == .comma
          rightsAs = names
        case .creds:
          break
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
