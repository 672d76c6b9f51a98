/// Completion of `sendmsg`'s and `recvmsg`'s arguments.
extension NextWords {
  /// sendmsg := 'sendmsg' data { ',' data } { 'rights' [INT] NAME { ',' [INT] NAME } | flag
  ///            | 'to' ( address | NAME ) }
  mutating func sendmsg() -> [String]? {
    if let open = iovecs() { return open }
    return sendParts()
  }

  /// parts := { 'creds' ucred | 'rights' … | 'cmsg' … | flag | 'to' ( address | NAME ) },
  /// after the data of `sendmsg` and `sendmmsg`.
  private mutating func sendParts() -> [String]? {
    var given: Set<String> = []
    while true {
      let parts =
        [MessageHeaderWord.creds.rawValue, MessageHeaderWord.rights.rawValue, Keyword.to.rawValue].filter {
          !given.contains($0)
        } + [MessageHeaderWord.cmsg.rawValue]
      let flags = MessageFlagWord.send.map(\.rawValue).filter { !given.contains($0) }
      if atEnd { return (parts + flags).sorted() + Parser.operationWords }
      guard let part = word else { return nil }
      if part == MessageHeaderWord.creds.rawValue {
        given.insert(part)
        skip()
        if atEnd || !timeval() { return [] }  // {PID, UID, GID}
      } else if part == MessageHeaderWord.cmsg.rawValue {
        if let open = rawControlMessage() { return open }
      } else if part == MessageHeaderWord.rights.rawValue {
        given.insert(part)
        if let open = rightsNames() { return open }
      } else if part == Keyword.to.rawValue {
        given.insert(part)
        if let open = destination() { return open }
      } else if let flag = MessageFlagWord(rawValue: part), MessageFlagWord.send.contains(flag) {
        given.insert(part)
        skip()
      } else {
        return nil
      }
    }
  }

  /// The iovecs, `ITEM { ',' ITEM }`: nothing to offer where one may come.
  private mutating func iovecs() -> [String]? {
    repeat {
      if !atEnd, tokens[index].kind == .comma { skip() }
      if atEnd { return [] }
      skip()
    } while !atEnd && tokens[index].kind == .comma
    return nil
  }

  /// 'cmsg' level type [ 'len' INT ] [ STRING ]: the named levels and types where they may
  /// come; nil once the message is complete.
  private mutating func rawControlMessage() -> [String]? {
    skip()  // 'cmsg'
    if atEnd { return [ControlWord.SOL_SOCKET.rawValue] }
    skip()
    if atEnd { return [ControlWord.SCM_CREDENTIALS.rawValue, ControlWord.SCM_RIGHTS.rawValue] }
    skip()
    if word == MessageHeaderWord.len.rawValue {
      skip()
      if atEnd { return [] }
      skip()
    }
    if !atEnd, case .string = tokens[index].kind { skip() }
    return nil
  }

  /// 'rights' [INT] NAME { ',' [INT] NAME }: sockets where a name may come.
  private mutating func rightsNames() -> [String]? {
    repeat {
      skip()  // 'rights' or ','
      if atEnd { return sockets }
      if case .number = tokens[index].kind {
        skip()
        if atEnd { return sockets }
      }
      skip()
    } while !atEnd && tokens[index].kind == .comma
    return nil
  }

  /// recvmsg := 'recvmsg' size { ',' size } { 'name' | 'control' bytes
  ///            | 'rights' 'as' NAME { ',' NAME } | flag }
  mutating func recvmsg() -> [String]? {
    if let open = iovecs() { return open }
    var given: Set<String> = []
    while true {
      let parts =
        [MessageHeaderWord.name, .control, .rights].map(\.rawValue) + MessageFlagWord.recvmsg.map(\.rawValue)
      if atEnd { return parts.filter { !given.contains($0) }.sorted() + Parser.operationWords }
      guard let part = word, parts.contains(part) else { return nil }
      given.insert(part)
      skip()
      switch MessageHeaderWord(rawValue: part) {
      case .control?:
        if atEnd { return [] }
        skip()
      case .rights?:
        if atEnd { return [Keyword.as.rawValue] }
        repeat {
          skip()  // 'as' or ','
          if atEnd { return [] }  // a new descriptor's name
          skip()
        } while !atEnd && tokens[index].kind == .comma
      case .name?, .creds?, .cmsg?, .len?, nil:
        break
      }
    }
  }

  /// sendmmsg := 'sendmmsg' data { ',' data } { flag } [ 'to' ( address | NAME ) { flag } ]
  mutating func sendmmsg() -> [String]? {
    if let open = iovecs() { return open }
    return sendParts()
  }

  /// recvmmsg := 'recvmmsg' size { ',' size } { 'name' | 'control' bytes | flag | 'timeout' duration }
  mutating func recvmmsg() -> [String]? {
    if let open = iovecs() { return open }
    var given: Set<String> = []
    while true {
      let parts =
        [MessageHeaderWord.name.rawValue, MessageHeaderWord.control.rawValue, Keyword.timeout.rawValue]
        + MessageFlagWord.recvmmsg.map(\.rawValue)
      if atEnd { return parts.filter { !given.contains($0) }.sorted() + Parser.operationWords }
      guard let part = word, parts.contains(part) else { return nil }
      given.insert(part)
      skip()
      if part == MessageHeaderWord.control.rawValue || part == Keyword.timeout.rawValue {
        if atEnd { return [] }
        skip()
      }
    }
  }
}
