/// Completion of the descriptor operations' arguments.
extension NextWords {
  /// 'dup' 'as' NAME | ( 'dup2' | 'dup3' ) ( NAME | INT 'as' NAME ): what may come where the
  /// tokens end among the arguments; nil once they are complete.
  mutating func duplicate(_ operation: OperationWord) -> [String]? {
    if operation != .dup {
      if atEnd { return sockets }
      let numbered = if case .number = tokens[index].kind { true } else { false }
      skip()
      guard numbered else { return cloexec(after: operation) }
    }
    if atEnd { return [Keyword.as.rawValue] }
    guard word == Keyword.as.rawValue else { return [] }
    skip()
    if atEnd { return [] }  // the new descriptor's name
    skip()
    return cloexec(after: operation)
  }

  /// `dup3 TARGET [cloexec]`.
  private mutating func cloexec(after operation: OperationWord) -> [String]? {
    guard operation == .dup3 else { return nil }
    if atEnd { return [Keyword.cloexec.rawValue] + Parser.operationWords }
    if word == Keyword.cloexec.rawValue { skip() }
    return nil
  }

  /// fcntl := 'fcntl' ( 'getfl' | 'getfd' | 'setfl' statusflags | 'setfd' ( 'cloexec' | '0' )
  ///          | ( 'dupfd' | 'dupfd_cloexec' ) INT 'as' NAME
  ///          | 'setown' ( PROCESS | '0' ) | 'setown_ex' THREAD | 'getown' )
  mutating func fcntl() -> [String]? {
    if atEnd { return FcntlWord.allCases.map(\.rawValue) }
    guard let command = word.flatMap(FcntlWord.init(rawValue:)) else { return [] }
    skip()
    switch command {
    case .getfl, .getfd, .getown:
      return nil
    case .setown:
      if atEnd { return [Keyword.main.rawValue] + sockets }
      skip()
      return nil
    case .setown_ex:
      if atEnd { return [Keyword.main.rawValue] + sockets }
      skip()
      return nil
    case .setfl:
      let flags = StatusFlagWord.allCases.map(\.rawValue)
      if atEnd { return flags }
      skip()
      while !atEnd, tokens[index].kind == .pipe {
        skip()
        if atEnd { return flags }
        skip()
      }
      return nil
    case .setfd:
      if atEnd { return [Keyword.cloexec.rawValue] }
      skip()
      return nil
    case .dupfd, .dupfd_cloexec:
      if atEnd { return [] }  // the lowest descriptor
      skip()
      if atEnd { return [Keyword.as.rawValue] }
      guard word == Keyword.as.rawValue else { return [] }
      skip()
      if atEnd { return [] }  // the new descriptor's name
      skip()
      return nil
    }
  }

  /// 'accept4' SOCKFLAG { '|' SOCKFLAG } [ 'as' NAME ]
  mutating func accept4() -> [String]? {
    let flags = SocketFlagWord.allCases.map(\.rawValue)
    if atEnd { return flags }
    skip()
    while !atEnd, tokens[index].kind == .pipe {
      skip()
      if atEnd { return flags }
      skip()
    }
    if atEnd { return [Keyword.as.rawValue] + Parser.operationWords }
    guard word == Keyword.as.rawValue else { return nil }
    skip()
    if atEnd { return [] }  // the new socket's name
    skip()
    return nil
  }

  /// `stream|nonblock|cloexec`: the flags after a type; nil once they are complete.
  mutating func typeFlags() -> [String]? {
    while !atEnd, tokens[index].kind == .pipe {
      skip()
      if atEnd { return SocketFlagWord.allCases.map(\.rawValue) }
      skip()
    }
    return nil
  }

  /// A type and its flags, if a type comes next; what may follow where the tokens end
  /// among the flags.
  mutating func typeAndFlags() -> [String]? {
    guard word.flatMap(TypeWord.init(rawValue:)) != nil else { return nil }
    skip()
    return typeFlags()
  }

  /// open := 'open' STRING 'as' NAME: 'as' after the path.
  mutating func openArguments() -> [String] {
    if atEnd { return [] }  // the path
    skip()
    return atEnd ? [Keyword.as.rawValue] : []
  }
}
