import SockKernel
import SyscallVocabulary

extension Parser {
  /// operations := { operation }
  mutating func parseOperations() throws(Diagnostic) -> [Operation] {
    var operations: [Operation] = []
    while !atStatementEnd {
      if atExpectation { throw misplacedExpectation(after: operations.last) }
      guard let word = currentWord else {
        throw error("expected an operation, found \(current.spelling)")
      }
      guard let operation = OperationWord(rawValue: word) else {
        if let flag = MessageFlagWord(rawValue: word) {
          throw error(
            "'\(word)' is not an operation but a flag of \(flag.place.operations)", notes: [flag.place.where])
        }
        throw error(
          "unknown operation '\(word)'",
          notes: Self.suggestion(for: word, among: Self.operationWords) + [Self.operationsNote])
      }
      operations.append(try parseOperation(operation))
    }
    return operations
  }

  /// operation := 'bind' address | 'listen' INT | 'connect' [ address | NAME ]
  ///            | 'accept' [ 'as' NAME ] | 'close' | 'shutdown' how
  ///            | ( 'sndtimeo' | 'rcvtimeo' ) timeout [ 'optlen' bytes ]
  ///            | 'get' ( 'sndtimeo' | 'rcvtimeo' | 'peercred' | intoption [ 'optlen' bytes ] )
  ///            | 'getsockname' | 'getpeername' | 'autobind'
  ///            | 'nonblock' [ 'on' | 'off' ]
  ///            | ( 'passcred' | 'passsec' | 'passpidfd' | 'passrights' | 'oobinline' | 'inq' ) [ 'on' | 'off' ] [ 'optlen' bytes ]
  ///            | 'ioctl' ( 'SIOCINQ' | 'FIONREAD' | 'SIOCOUTQ' | 'TIOCOUTQ' | 'SIOCATMARK' )
  ///            | epollctl | epollwait
  ///            | send | recv | ( 'sndbuf' | 'rcvbuf' | 'rcvlowat' | 'peek_off' ) bytes [ 'optlen' bytes ]
  ///            | 'disconnect' | poll | 'dup' 'as' NAME | 'dup2' duptarget
  ///            | 'dup3' duptarget [ 'cloexec' ] | fcntl
  ///            | 'accept4' SOCKFLAG { '|' SOCKFLAG } [ 'as' NAME ] | 'read' size
  ///            | 'write' ( STRING | size )
  ///            followed by an optional expectation
  mutating func parseOperation(_ operation: OperationWord) throws(Diagnostic) -> Operation {
    let word = operation.rawValue
    let location = current.location
    advance()
    let kind: Operation.Kind
    switch operation {
    case .bind:
      guard let address = try parseAddressIfPresent() else {
        throw error("'bind' needs an address: \"path\" or @name, found \(current.spelling)")
      }
      kind = .bind(address)
    case .listen:
      kind = .listen(try parseInt32("listen's backlog"))
    case .connect:
      if let address = try parseAddressIfPresent() {
        kind = .connect(.address(address))
      } else if let name = currentWord, Self.canReferToSocket(name) {
        kind = .connect(.socket(try makeName(name)))
        advance()
      } else {
        kind = .connect(nil)
      }
    case .accept:
      var name: Name?
      if currentIs(.as) {
        advance()
        guard let w = currentWord, !Self.isReserved(w) else {
          throw error("'accept as' needs a name for the new socket, found \(current.spelling)")
        }
        name = try makeName(w)
        advance()
      }
      kind = .accept(as: name)
    case .dup:
      guard currentIs(.as) else {
        throw error("'dup' needs 'as NAME', the name of the new descriptor, found \(current.spelling)")
      }
      advance()
      kind = .dup(as: try parseNewDescriptorName("dup as"))
    case .dup2, .dup3:
      let target = try parseDupTarget(word)
      var flags: Int32? = nil
      if operation == .dup3 {
        flags = 0
        if currentIs(.cloexec) {
          advance()
          flags = O_CLOEXEC
        }
      }
      kind = .dup2(onto: target, dup3Flags: flags)
    case .fcntl:
      kind = try parseFcntl()
    case .read:
      kind = .read(try parseSize("read"))
    case .write:
      kind = .write(try parseData("write"))
    case .accept4:
      let flags = try parseSocketFlags("accept4")
      var name: Name?
      if currentIs(.as) {
        advance()
        name = try parseNewDescriptorName("accept4 as")
      }
      kind = .accept4(flags: flags, as: name)
    case .close:
      kind = .close
    case .shutdown:
      kind = .shutdown(try parseShutdownHow())
    case .sndtimeo, .rcvtimeo:
      let option: SocketOption = operation == .sndtimeo ? .SO_SNDTIMEO : .SO_RCVTIMEO
      let value = try parseTimeval(word)
      kind = .setTimeout(option, value, optlen: try parseOptlen(otherwise: Timeval.size))
    case .get:
      kind = try parseGet()
    case .send:
      kind = try parseSend()
    case .recv:
      kind = try parseRecv()
    case .sendmsg:
      kind = try parseSendmsg()
    case .recvmsg:
      kind = try parseRecvmsg()
    case .sendmmsg:
      kind = try parseSendmmsg()
    case .recvmmsg:
      kind = try parseRecvmmsg()
    case .sndbuf, .rcvbuf, .rcvlowat, .peek_off:
      let value = try parseByteCount("\(word)'s value", as: Int32.self, range: Self.intRange)
      kind = .setBuffer(operation.valueOption!, value, optlen: try parseOptlen())
    case .poll:
      kind = try parsePoll()
    case .ppoll:
      kind = try parsePpoll()
    case .select, .pselect:
      kind = try parseSelect(pselect: operation == .pselect)
    case .epoll_pwait:
      kind = try parseEpollPwait()
    case .disconnect:
      kind = .disconnect
    case .autobind:
      kind = .autobind
    case .getsockname, .getpeername:
      kind = .getName(peer: operation == .getpeername)
    case .nonblock:
      kind = .nonblock(parseOnOff())
    case .ioctl:
      kind = .ioctl(try parseIoctl())
    case .epoll_ctl:
      kind = try parseEpollCtl()
    case .epoll_wait:
      kind = try parseEpollWait()
    case .passcred, .passsec, .passpidfd, .passrights, .oobinline, .inq:
      let on = parseOnOff()
      kind = .setSwitch(operation.switchOption!, on, optlen: try parseOptlen())
    }
    let returnsBytes =
      switch kind {
      case .send, .recv, .read, .write, .sendmsg, .recvmsg, .sendmmsg, .recvmmsg: true
      default: false
      }
    var expectation = try parseExpectation(returnsBytes: returnsBytes)
    // `[0]` reads as an option value; after a `poll` it is one socket's empty revents.
    if kind.reportsRevents, let written = expectation {
      expectation = Expectation(
        results: written.results.map { $0 == .option(0) ? .revents([[]]) : $0 }, time: written.time,
        location: written.location)
    }
    if let expectation { try Self.checkFits(expectation, word: word, kind: kind) }
    return Operation(kind: kind, location: location, word: word, expectation: expectation)
  }

  /// how := 'rd' | 'wr' | 'rdwr' | INT
  mutating func parseShutdownHow() throws(Diagnostic) -> Int32 {
    if let named = currentWord.flatMap(ShutdownWord.init(rawValue:)) {
      advance()
      return named.how
    }
    if case .number = current.kind { return try parseInt32("shutdown's how") }
    let words = ShutdownWord.allCases.map(\.rawValue).joined(separator: ", ")
    throw error("'shutdown' takes \(words) or a number, found \(current.spelling)")
  }
}
