import SockKernel
import SyscallVocabulary

/// What the grammar allows next in a statement, for Tab: reads the tokens typed so far as
/// the parser would and answers with the words that may follow (socket names included).
/// Every word comes from the table of words (``OperationWord``, ``MessageFlagWord``, …), and
/// the statement and operation words are `switch`ed on exhaustively, so a word the parser
/// learns must be handled here too.
struct NextWords {
  /// The statement's tokens before the word being completed.
  let tokens: ArraySlice<Token>
  let sockets: [String]
  var index: Int

  init(_ tokens: ArraySlice<Token>, sockets: [String]) {
    self.tokens = tokens
    self.sockets = sockets
    self.index = tokens.startIndex
  }

  /// The candidates after the statement's tokens; [] where only a number, a string, a
  /// duration or a new name can come. `afterPrefix`: the statement follows `THREAD:`, where
  /// `exit` and `exec` are statements too.
  static func after(_ tokens: ArraySlice<Token>, sockets: [String], afterPrefix: Bool = false) -> [String] {
    var reader = NextWords(tokens, sockets: sockets)
    return reader.statement(afterPrefix: afterPrefix)
  }

  // MARK: Token cursor (also for NextWords+Expectation.swift)

  var atEnd: Bool { index == tokens.endIndex }
  var word: String? {
    guard !atEnd, case .word(let text) = tokens[index].kind else { return nil }
    return text
  }
  mutating func skip(_ count: Int = 1) { index = min(tokens.endIndex, index + count) }

  // MARK: Statements

  /// statement := [ THREAD ':' ] declaration | action | sleep | wait | file | socketpair | …
  private mutating func statement(afterPrefix: Bool = false) -> [String] {
    guard let first = word else {
      // `exit` and `exec` are statements only after a thread's prefix.
      let threadWords = afterPrefix ? ThreadStatementWord.allCases.map(\.rawValue) : []
      return atEnd ? Array(Parser.statementWords) + threadWords + sockets : []
    }
    skip()
    if !atEnd, tokens[index].kind == .colon {
      skip()
      return statement(afterPrefix: true)
    }
    if afterPrefix, ThreadStatementWord(rawValue: first) != nil { return [] }
    guard let statementWord = StatementWord(rawValue: first) else {
      return Parser.canReferToSocket(first) ? operations() : []
    }
    switch statementWord {
    case .server, .client: return declaration(named: false)
    case .socket: return declaration(named: true)
    case .socketpair: return socketpair()
    case .signal:
      if atEnd { return sockets }
      skip()
      return atEnd ? [Keyword.restart.rawValue] : []
    case .sysctl: return atEnd ? Sysctl.allCases.map(\.rawValue) : []
    case .wait: return atEnd ? sockets : []
    case .ignore: return atEnd ? [PlainWord.SIGPIPE.rawValue] : []
    case .epoll:
      if atEnd { return [] }  // the new descriptor's name
      skip()
      if atEnd { return [Keyword.cloexec.rawValue] }
      return []
    case .state: return []
    case .block, .unblock:
      return signalSet(zero: false) ?? []
    case .handle:
      if atEnd { return [PlainWord.SIGURG.rawValue] }
      skip()
      return atEnd ? [Keyword.restart.rawValue] : []
    case .repeat:
      skip()  // the count
      return atEnd && tokens.count == 2 ? [Keyword.as.rawValue] : []
    case .sleep, .touch, .mkdir, .unlink, .thread, .fork, .setuid, .setgid: return []
    case .setrlimit: return atEnd ? [PlainWord.nofile.rawValue] : []
    case .open: return openArguments()
    case .waitpid: return atEnd ? sockets : []
    case .kill:
      if atEnd { return sockets }
      skip()
      return atEnd ? SignalWord.allCases.map(\.rawValue) + [PlainWord.SIGPIPE.rawValue] : []
    }
  }

  /// declaration := ( 'server' | 'client' ) [ NAME ] [ type ] [ expectation ] operations
  ///              | 'socket' NAME …
  private mutating func declaration(named needsName: Bool) -> [String] {
    let types = TypeWord.allCases.map(\.rawValue)
    if atEnd { return needsName ? [] : types + Parser.operationWords }
    if let name = word, !Parser.isReserved(name) {
      skip()
      if atEnd { return types + Parser.operationWords }
    }
    if let open = typeAndFlags() { return open }
    if let open = expectationIfAny(of: nil, then: Parser.operationWords) { return open }
    return operations()
  }

  /// socketpair := 'socketpair' NAME NAME [ type ] [ expectation ]
  private mutating func socketpair() -> [String] {
    guard tokens.count >= 3 else { return [] }
    skip(2)
    if atEnd { return TypeWord.allCases.map(\.rawValue) }
    if let open = typeAndFlags() { return open }
    return expectationIfAny(of: nil, then: []) ?? []
  }

  // MARK: Operations

  /// operations := { operation [ expectation ] }
  private mutating func operations() -> [String] {
    while true {
      if atEnd { return Parser.operationWords }
      guard let operation = word.flatMap(OperationWord.init(rawValue:)) else { return [] }
      skip()
      if let open = arguments(of: operation) { return open }
      if let open = expectationIfAny(of: operation, then: Parser.operationWords) { return open }
    }
  }

  /// [ 'optlen' bytes ] after an option's value: at the end, `optlen` or what follows.
  private mutating func optlen(then next: [String]) -> [String]? {
    if atEnd { return [Keyword.optlen.rawValue] + next }
    guard word == Keyword.optlen.rawValue else { return nil }
    skip()
    if atEnd { return [] }
    skip()
    return nil
  }

  /// Reads an operation's arguments; when the tokens end among them, what may come there
  /// (including what may follow the operation once it is complete).
  private mutating func arguments(of operation: OperationWord) -> [String]? {
    let next = Parser.operationWords
    switch operation {
    case .connect:
      if atEnd { return sockets }
      switch address() {
      case false?: return []
      case true?: break
      case nil: if let target = word, Parser.canReferToSocket(target), !next.contains(target) { skip() }
      }
    case .accept:
      if atEnd { return [Keyword.as.rawValue] + next }
      if word == Keyword.as.rawValue {
        skip()
        if atEnd { return [] }  // the new socket's name
        skip()
      }
    case .shutdown:
      if atEnd { return ShutdownWord.allCases.map(\.rawValue) }
      skip()
    case .get:
      if atEnd { return GetOptionWord.allCases.map(\.rawValue) }
      // An int option, by word or number, may take an `optlen`.
      let number: Bool = if case .number = tokens[index].kind { true } else { false }
      let readsInt = number || word.flatMap(GetOptionWord.init(rawValue:))?.intOption != nil
      skip()
      if readsInt, let open = optlen(then: next) { return open }
    case .nonblock:
      if atEnd { return NonblockWord.allCases.map(\.rawValue) + next }
      if word.flatMap(NonblockWord.init(rawValue:)) != nil { skip() }
    case .ioctl:
      if atEnd { return IoctlWord.allCases.map(\.rawValue) }
      skip()
    case .epoll_ctl: return epollCtl()
    case .epoll_wait:
      if atEnd { return [Keyword.timeout.rawValue] + next }
      if case .number = tokens[index].kind { skip() }
      if atEnd { return [Keyword.timeout.rawValue] + next }
      if word == Keyword.timeout.rawValue {
        skip()
        if atEnd { return [Keyword.forever.rawValue] }
        skip()
      }
    case .passcred, .passsec, .passpidfd, .passrights, .oobinline, .inq:
      if atEnd { return NonblockWord.allCases.map(\.rawValue) + [Keyword.optlen.rawValue] + next }
      if word.flatMap(NonblockWord.init(rawValue:)) != nil { skip() }
      if let open = optlen(then: next) { return open }
    case .sndtimeo, .rcvtimeo:
      if atEnd || !timeval() { return [] }
      if let open = optlen(then: next) { return open }
    case .send: return send()
    case .recv:
      if atEnd { return [] }
      skip()
      return flags(MessageFlagWord.recv, then: next)
    case .poll: return poll()
    case .ppoll: return poll() ?? sigmask()
    case .select, .pselect: return select(pselect: operation == .pselect)
    case .epoll_pwait:
      if atEnd { return [Keyword.timeout.rawValue, PlainWord.sigmask.rawValue] + next }
      if case .number = tokens[index].kind { skip() }
      if atEnd { return [Keyword.timeout.rawValue, PlainWord.sigmask.rawValue] + next }
      if word == Keyword.timeout.rawValue {
        skip()
        if atEnd { return [Keyword.forever.rawValue] }
        skip()
      }
      return sigmask()
    case .sendmsg: return sendmsg()
    case .recvmsg: return recvmsg()
    case .sendmmsg: return sendmmsg()
    case .recvmmsg: return recvmmsg()
    case .bind:
      if address() != true { return [] }
    case .sndbuf, .rcvbuf, .rcvlowat, .peek_off:
      if atEnd { return [] }
      skip()
      if let open = optlen(then: next) { return open }
    case .listen, .read, .write:
      if atEnd { return [] }
      skip()
    case .close, .disconnect, .getsockname, .getpeername, .autobind:
      break  // no arguments
    case .dup, .dup2, .dup3:
      if let open = duplicate(operation) { return open }
    case .fcntl:
      if let open = fcntl() { return open }
    case .accept4:
      if let open = accept4() { return open }
    }
    return nil
  }

  /// epollctl := 'epoll_ctl' ( 'add' | 'mod' | 'del' ) NAME { epollevent } [ 'data' INT ]
  private mutating func epollCtl() -> [String]? {
    if atEnd { return EpollOpWord.allCases.map(\.rawValue) }
    let op = word.flatMap(EpollOpWord.init(rawValue:))
    skip()
    if atEnd { return sockets }
    skip()  // the target
    guard op != .del else { return nil }
    var given: Set<String> = []
    while let w = word, PollEventWord(rawValue: w) != nil || EpollFlagWord(rawValue: w) != nil {
      given.insert(w)
      skip()
    }
    let flags = (PollEventWord.allCases.map(\.rawValue) + EpollFlagWord.allCases.map(\.rawValue))
      .filter { !given.contains($0) }
    if atEnd { return flags + [PlainWord.data.rawValue] + Parser.operationWords }
    if word == PlainWord.data.rawValue {
      skip()
      if atEnd { return [] }
      skip()
    }
    return nil
  }

  /// send := 'send' ( STRING | size ) { flag } [ 'to' ( address | NAME ) { flag } ]
  private mutating func send() -> [String]? {
    if atEnd { return [] }
    skip()
    return sendFlagsAndTarget()
  }

  /// { flag } [ 'to' ( address | NAME ) { flag } ] after the data of `send` and `sendmmsg`.
  mutating func sendFlagsAndTarget() -> [String]? {
    var given: Set<String> = []
    let afterFlags = [Keyword.to.rawValue] + Parser.operationWords
    if let open = flags(MessageFlagWord.send, given: &given, then: afterFlags) { return open }
    guard word == Keyword.to.rawValue else { return nil }
    if let open = destination() { return open }
    // sendto(2)'s flags may follow its address as well as precede it.
    return flags(MessageFlagWord.send, given: &given, then: Parser.operationWords)
  }

  /// 'to' ( address | NAME ): the sockets, or nothing inside an address, where the tokens
  /// end; nil once it is complete.
  mutating func destination() -> [String]? {
    skip()  // 'to'
    if atEnd { return sockets }
    switch address() {
    case false?: return []
    case true?: break
    case nil: skip()  // a socket's name
    }
    return nil
  }

  /// Flag words, each at most once (counting those already `given`); when the tokens end
  /// among them, the flags not given yet and `then`.
  mutating func flags(
    _ words: [MessageFlagWord], given: inout Set<String>, then: [String]
  ) -> [String]? {
    while true {
      if atEnd { return words.map(\.rawValue).filter { !given.contains($0) }.sorted() + then }
      guard let flag = word, let flagWord = MessageFlagWord(rawValue: flag), words.contains(flagWord) else {
        return nil
      }
      given.insert(flag)
      skip()
    }
  }

  /// Flag words, each at most once; see ``flags(_:given:then:)``.
  private mutating func flags(_ words: [MessageFlagWord], then: [String]) -> [String]? {
    var given: Set<String> = []
    return flags(words, given: &given, then: then)
  }

  /// poll := 'poll' [ item { ',' item } ] [ 'timeout' ( duration | 'forever' ) ]
  mutating func poll() -> [String]? {
    let events = PollEventWord.allCases.map(\.rawValue)
    let timeout = Keyword.timeout.rawValue
    var first = true
    while true {
      if atEnd { return sockets + (first ? events + [timeout] + Parser.operationWords : []) }
      if let name = word, Parser.canReferToSocket(name), PollEventWord(rawValue: name) == nil, name != timeout,
        OperationWord(rawValue: name) == nil
      {
        skip()
      }
      while word.flatMap(PollEventWord.init(rawValue:)) != nil { skip() }
      if atEnd { return events + [timeout] + Parser.operationWords }
      guard tokens[index].kind == .comma else { break }
      skip()
      first = false
    }
    guard word == timeout else { return nil }
    skip()
    if atEnd { return [Keyword.forever.rawValue] }
    skip()
    return nil
  }

  // MARK: Values

  /// Skips an address (`"path"`, `@name`, `@"name"`): true when one was there, false when
  /// the tokens end inside it (or before it), nil when something else is there.
  mutating func address() -> Bool? {
    guard !atEnd else { return false }
    switch tokens[index].kind {
    case .string:
      skip()
    case .at:
      skip()
      if atEnd { return false }
      skip()
    default:
      return nil
    }
    return true
  }

  /// Skips a timeout (a duration, `0`, or `{sec, usec}`); false when the tokens end inside it.
  mutating func timeval() -> Bool {
    guard tokens[index].kind == .leftBrace else {
      skip()
      return true
    }
    while !atEnd, tokens[index].kind != .rightBrace { skip() }
    guard !atEnd else { return false }
    skip()
    return true
  }
}
