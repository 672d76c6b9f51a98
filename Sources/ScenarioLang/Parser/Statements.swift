import SockKernel
import SyscallVocabulary

extension Parser {
  /// script := statements EOF
  mutating func parseScript() throws(Diagnostic) -> Script {
    let statements = try parseStatements()
    if current.kind == .rightBrace {
      throw error("'}' closes no 'repeat'", notes: ["a '}' ends the body of 'repeat N { … }'"])
    }
    return Script(statements: statements)
  }

  /// statements := { separator } { statement separator { separator } }
  /// separator := ';' | NEWLINE
  ///
  /// Stops at the end of input or, in a loop body, at its `}`.
  mutating func parseStatements() throws(Diagnostic) -> [Statement] {
    var statements: [Statement] = []
    while true {
      while current.kind == .semicolon || current.kind == .newline { advance() }
      if current.kind == .endOfFile || current.kind == .rightBrace { return statements }
      let before = position
      statements.append(try parseStatement())
      switch current.kind {
      case .semicolon, .newline, .endOfFile: break
      case .rightBrace where !loopVariables.isEmpty: break
      case .equals, .relation: throw misplacedExpectation(after: statements.last!)
      default:
        throw error("expected ';' or a new line after the statement, found \(current.spelling)")
      }
      // No-progress guard: every statement consumes at least one token.
      if position == before { throw error("internal error: the parser made no progress") }
    }
  }

  /// statement := [ THREAD ':' ] call [ '&' ] | sleep | wait | repeat
  ///              | [ THREAD ':' ] 'ignore' 'SIGPIPE' | [ THREAD ':' ] 'handle' 'SIGURG' [ 'restart' ] | thread
  /// call      := declaration | action | file | socketpair | signal | sysctl | epoll
  ///              | fork | exit | exec | waitpid | kill | setuid | setgid | setrlimit
  mutating func parseStatement() throws(Diagnostic) -> Statement {
    let start = current.location
    var thread: Name?
    if next.kind == .colon, let word = currentWord {
      thread = try parseThreadPrefix(word)
    }
    guard let word = currentWord else {
      throw error(
        "expected a statement, found \(current.spelling)",
        notes: [
          "a statement starts with a socket name or one of: \(Self.statementList)"
        ])
    }
    let kind: Statement.Kind
    if thread != nil, let threadWord = ThreadStatementWord(rawValue: word) {
      switch threadWord {
      case .exit: kind = try parseExit()
      case .exec: kind = try parseExec()
      }
    } else if let statementWord = StatementWord(rawValue: word) {
      kind = try parseStatement(statementWord)
    } else {
      kind = try parseAction(word)
    }
    if let thread {
      switch kind {
      case .declare, .act, .file, .socketpair, .signal, .sysctl, .fork, .exit, .exec, .waitpid, .kill, .setuid,
        .setgid, .setrlimit, .sleep, .ignoreSigpipe, .handleSigurg, .open, .epoll, .sigprocmask:
        break
      default:
        throw Diagnostic(
          "'\(thread.text):' makes calls, and this statement makes none", at: thread.location,
          length: thread.text.count + 1,
          notes: [
            "a thread can run a declaration, an action, socketpair, touch, mkdir, unlink, signal, sysctl, fork, exit, exec, waitpid, kill, setuid, setgid, setrlimit, sleep, ignore, handle, open, epoll, block or unblock"
          ])
      }
    }
    var background = false
    if current.kind == .ampersand {
      switch kind {
      case .sleep where thread != nil: break
      case .sleep, .wait, .file, .signal, .sysctl, .ignoreSigpipe, .handleSigurg, .sigprocmask, .socketpair, .thread,
        .fork, .exit, .exec, .kill, .state,
        .setuid, .setgid, .setrlimit:
        throw error("only socket statements can run in the background")
      case .loop:
        throw error(
          "a 'repeat' cannot run in the background",
          notes: ["put '&' after the statements inside it: repeat 3 as i { client c$i connect & }"])
      default: break
      }
      background = true
      advance()
    }
    return Statement(kind: kind, location: start, background: background, thread: thread)
  }

  /// `THREAD ':'`: the thread that makes the statement's calls. `main` is process 1's
  /// thread of the statements that name no socket; any other name is a `thread` or a
  /// socket's own thread.
  mutating func parseThreadPrefix(_ word: String) throws(Diagnostic) -> Name {
    if word != Keyword.main.rawValue && !Self.canReferToSocket(word) {
      throw error("'\(word)' cannot name a thread", notes: ["a thread is declared with 'thread NAME'"])
    }
    let name = try makeName(word)
    advance()
    advance()
    return name
  }

  /// thread := 'thread' NAME [ 'in' PROCESS ]
  mutating func parseThread() throws(Diagnostic) -> Statement.Kind {
    advance()
    guard let word = currentWord else {
      throw error("'thread' needs a name, found \(current.spelling)", notes: ["e.g. 'thread t1'"])
    }
    if Self.isReserved(word) || word == Keyword.main.rawValue {
      throw error("'\(word)' is a keyword and cannot name a thread")
    }
    let name = try makeName(word)
    advance()
    guard currentWord == PollEventWord.in.rawValue else { return .thread(name, process: nil) }
    advance()
    return .thread(name, process: try parseProcessName(after: "in", example: "thread \(word) in child"))
  }

  /// The statement `word` starts.
  mutating func parseStatement(_ word: StatementWord) throws(Diagnostic) -> Statement.Kind {
    switch word {
    case .server: try parseDeclaration(.server)
    case .client: try parseDeclaration(.client)
    case .socket: try parseDeclaration(.socket)
    case .sleep: try parseSleep()
    case .wait: try parseWait()
    case .touch: try parseFile(.touch)
    case .mkdir: try parseFile(.mkdir)
    case .unlink: try parseFile(.unlink)
    case .socketpair: try parseSocketpair()
    case .signal: try parseSignal()
    case .sysctl: try parseSysctl()
    case .ignore: try parseIgnore()
    case .handle: try parseHandle()
    case .epoll: try parseEpoll()
    case .state: parseState()
    case .block: try parseSigprocmask(.SIG_BLOCK)
    case .unblock: try parseSigprocmask(.SIG_UNBLOCK)
    case .repeat: try parseRepeat()
    case .thread: try parseThread()
    case .fork: try parseFork()
    case .waitpid: try parseWaitpid()
    case .kill: try parseKill()
    case .setuid, .setgid: try parseCredential(word)
    case .setrlimit: try parseSetrlimit()
    case .open: try parseOpen()
    }
  }

  /// action := NAME operation { operation }
  mutating func parseAction(_ word: String) throws(Diagnostic) -> Statement.Kind {
    if OperationWord(rawValue: word) != nil {
      throw error(
        "'\(word)' needs a socket before it",
        notes: ["write the socket's name first, e.g. 'server \(word) …' or 'c1 \(word) …'"])
    }
    if Self.isReserved(word) { throw error("'\(word)' cannot start a statement") }
    let name = try makeName(word)
    advance()
    // `clinet c1 connect`: a misspelt statement word, not a socket with a bad operation.
    // Looked for only when no operation follows: measuring every action's name against
    // every statement word cost some 14 000 instructions a statement.
    if let next = currentWord, OperationWord(rawValue: next) == nil {
      let misspelt = Self.suggestion(for: word, among: Self.sortedStatementWords)
      if !misspelt.isEmpty {
        throw Diagnostic(
          "unknown statement '\(word)'", at: name.location, length: word.count,
          notes: misspelt + ["a statement starts with a socket name or one of: \(Self.statementList)"])
      }
    }
    let operations = try parseOperations()
    if operations.isEmpty {
      throw error("expected an operation after '\(word)', found \(current.spelling)", notes: [Self.operationsNote])
    }
    return .act(name, operations: operations)
  }

  /// declaration := ( 'server' | 'client' ) [ NAME ] [ type ] [ expectation ] { operation }
  ///              | 'socket' NAME [ type ] [ expectation ] { operation }
  /// The expectation checks the `socket()` call.
  /// type := ( 'stream' | 'dgram' | 'seqpacket' ) [ sockflags ]
  mutating func parseDeclaration(_ declaration: DeclarationKind) throws(Diagnostic) -> Statement.Kind {
    advance()
    var name: Name?
    if let word = currentWord, !Self.isReserved(word) {
      name = try makeName(word)
      advance()
      // `server lisen 0`: a misspelt operation, not a name followed by garbage.
      let followedByOperation =
        atExpectation
        || (currentWord.map { OperationWord(rawValue: $0) != nil || TypeWord(rawValue: $0) != nil } ?? false)
      if !atStatementEnd && !followedByOperation {
        let misspelt = Self.suggestion(for: word, among: Self.operationWords)
        if !misspelt.isEmpty {
          throw Diagnostic(
            "unknown operation '\(word)'", at: name!.location, length: word.count,
            notes: misspelt + [Self.operationsNote])
        }
      }
    } else if declaration == .socket {
      throw error(
        "'socket' needs a name, found \(current.spelling)", notes: ["e.g. 'socket s1 dgram bind \"s1.sock\"'"])
    } else if let word = currentWord, Self.statementWords.contains(word) || Self.otherKeywords.contains(word) {
      throw error("'\(word)' is a keyword and cannot name a socket")
    } else if let word = currentWord, Errno(name: word) != nil {
      throw error("'\(word)' is an errno name and cannot name a socket")
    }
    var type: SocketType?
    var flags: Int32 = 0
    if let word = currentWord, let t = TypeWord(rawValue: word) {
      type = t.type
      advance()
      flags = try parseTypeFlags()
    }
    let expectation = try parseExpectation()
    if expectation != nil { try checkAfterSocketExpectation() }
    return .declare(
      declaration, name: name, type: type, expectation: expectation, operations: try parseOperations(), flags: flags)
  }

  /// sleep := 'sleep' duration
  mutating func parseSleep() throws(Diagnostic) -> Statement.Kind {
    advance()
    let at = current
    let ns = try parseDuration("sleep")
    if ns < 0 { throw Diagnostic("cannot sleep a negative time", at: at.location, length: at.length) }
    return .sleep(ns)
  }

  /// wait := 'wait' [ NAME ]
  mutating func parseWait() throws(Diagnostic) -> Statement.Kind {
    advance()
    guard let word = currentWord else { return .wait(nil) }
    if !Self.canReferToSocket(word) { throw error("'\(word)' is not a socket name") }
    let name = try makeName(word)
    advance()
    return .wait(name)
  }

  /// file := ( 'touch' | 'mkdir' | 'unlink' ) STRING [ expectation ]
  mutating func parseFile(_ operation: FileOperation) throws(Diagnostic) -> Statement.Kind {
    advance()
    guard case .string(let bytes) = current.kind else {
      throw error("'\(operation.rawValue)' needs a path in double quotes, found \(current.spelling)")
    }
    advance()
    return .file(operation, path: bytes, expectation: try parseExpectation())
  }
}
