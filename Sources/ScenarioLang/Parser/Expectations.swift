import SockKernel
import SyscallVocabulary

extension Parser {
  /// Whether an expectation starts at the current token: `=` or a relation.
  var atExpectation: Bool {
    switch current.kind {
    case .equals, .relation: true
    default: false
    }
  }

  /// expectation := ( '=' result | relation ) { 'or' ( result | relation ) } [ 'at' duration ]
  /// result := 'ok' | INT [ ERRNO ] | ERRNO | size | '{' INT ',' INT '}' | STRING | '[' … ']'
  /// relation := ( '>=' | '>' | '<=' | '<' ) bytes
  /// A size (`= 64KiB`, `>= 1KiB`) is a byte count, so only where the call returns one
  /// (`returnsBytes`). `at` applies to every alternative.
  mutating func parseExpectation(returnsBytes: Bool = false) throws(Diagnostic) -> Expectation? {
    let start = current.location
    var results: [Expectation.Result]
    switch current.kind {
    case .equals:
      advance()
      results = [try parseResult(after: "'='", at: start, returnsBytes: returnsBytes)]
    case .relation(let relation):
      results = [try parseRelation(relation, returnsBytes: returnsBytes)]
    default:
      return nil
    }
    while currentWord == ExpectationWord.or.rawValue {
      let or = current.location
      advance()
      if case .relation(let relation) = current.kind {
        results.append(try parseRelation(relation, returnsBytes: returnsBytes))
      } else {
        results.append(try parseResult(after: "'or'", at: or, returnsBytes: returnsBytes))
      }
    }
    var time: Nanoseconds?
    if currentIs(.at) {
      advance()
      let at = current
      time = try parseDuration("at")
      if time! < 0 { throw Diagnostic("a time cannot be negative", at: at.location, length: at.length) }
    }
    return Expectation(results: results, time: time, location: start)
  }

  /// One result after `=` or `or` (`what`, written at `start`).
  private mutating func parseResult(
    after what: String, at start: SourceLocation, returnsBytes: Bool
  ) throws(Diagnostic) -> Expectation.Result {
    if case .size = current.kind {
      guard returnsBytes else { throw sizeWhereNoByteCount() }
      return .value(try parseByteCount("the expected value", as: Int64.self, range: Self.longRange))
    } else if case .number = current.kind {
      let value = try parseInt64("the expected value")
      // A word after the number is its errno (`-1 EAGAIN`), unless it goes on with the
      // expectation or the statement (`client c1 = 4 connect`).
      if let word = currentWord, !currentIs(.at), word != ExpectationWord.or.rawValue,
        OperationWord(rawValue: word) == nil, TypeWord(rawValue: word) == nil
      {
        let errno = try parseErrno()
        guard value == -1 else {
          throw Diagnostic("a failed call returns -1, not \(value)", at: start, notes: ["write '= -1 \(errno.name)'"])
        }
        return .error(errno)
      }
      if value == -1 {
        throw Diagnostic("'= -1' needs the errno", at: start, notes: ["e.g. '= -1 EAGAIN'"])
      }
      return .value(value)
    } else if current.kind == .leftBrace, next.kind == .word(PlainWord.pid.rawValue) || bracesHoldThree {
      return .ucred(try parseUcred())
    } else if current.kind == .leftBrace {
      return .timeval(try parseRawTimeval())
    } else if case .string(let bytes) = current.kind {
      advance()
      return .data(bytes)
    } else if current.kind == .at, case .abstract(let bytes)? = try parseAddressIfPresent() {
      return .abstractName(bytes)
    } else if current.kind == .leftBracket {
      return try parseBracketedResult()
    } else if currentWord == ExpectationWord.ok.rawValue {
      advance()
      return .success
    } else if let word = currentWord, word != ExpectationWord.or.rawValue {
      return .error(try parseErrno())
    }
    throw error(
      "expected a result after \(what), found \(current.spelling)",
      notes: ["e.g. '= 0', '= -1 EAGAIN', '= {0, 4000}', '= \"data\"', '= [4608]', '= [IN|OUT]'"])
  }

  /// `>= N` and the like: the bound is a number (a size where the call returns a byte count).
  private mutating func parseRelation(
    _ relation: RelationWord, returnsBytes: Bool
  ) throws(Diagnostic) -> Expectation.Result {
    advance()
    switch current.kind {
    case .number:
      return .relation(relation, try parseInt64("the bound of '\(relation.rawValue)'"))
    case .size:
      guard returnsBytes else { throw sizeWhereNoByteCount() }
      return .relation(
        relation, try parseByteCount("the bound of '\(relation.rawValue)'", as: Int64.self, range: Self.longRange))
    default:
      throw error(
        "'\(relation.rawValue)' compares the value a call returns and needs a number, found \(current.spelling)",
        notes: ["a failed call satisfies no relation: write e.g. '>= 1 or EAGAIN'"])
    }
  }

  private func sizeWhereNoByteCount() -> Diagnostic {
    error(
      "a size result (\(current.spelling)) is a byte count: only 'send' and 'recv' return one",
      notes: ["write the result as an integer"])
  }

  /// An expectation where the statement `statement` takes none (`sleep 1s = 0`) or has
  /// had its one (`touch "f" = 0 = 0`).
  func misplacedExpectation(after statement: Statement) -> Diagnostic {
    switch statement.kind {
    case .file(let operation, _, _): return secondExpectation(of: operation.rawValue)
    case .socketpair: return secondExpectation(of: StatementWord.socketpair.rawValue)
    case .sysctl: return secondExpectation(of: StatementWord.sysctl.rawValue)
    default:
      // Every other statement makes no call of its own to check (a declaration's and an
      // action's expectations are placed by parseOperations).
      let word = tokens.first { $0.location.offset == statement.location.offset }.map(\.spelling) ?? "this statement"
      return error(
        "\(word) takes no expectation",
        notes: [
          "an expectation follows an operation, a declaration's type or name, 'socketpair', 'sysctl', 'touch', 'mkdir' or 'unlink'"
        ])
    }
  }

  /// After a declaration's expectation: no second one, and no type (it goes before).
  func checkAfterSocketExpectation() throws(Diagnostic) {
    if atExpectation { throw secondExpectation(of: "socket") }
    if let word = currentWord, TypeWord(rawValue: word) != nil {
      throw error(
        "the type goes before the expectation, found '\(word)' after it",
        notes: ["e.g. 'client c1 \(word) = 4 connect'"])
    }
  }

  /// An expectation after `operation`'s (nil: where no operation precedes it, `c1 = 0 connect`).
  func misplacedExpectation(after operation: Operation?) -> Diagnostic {
    guard let operation else {
      return error(
        "an expectation goes after the operation whose result it checks",
        notes: ["e.g. 'c1 connect = 0'; on a declaration, right after its name or type: 'client c1 = 4 connect'"])
    }
    if operation.expectation != nil { return secondExpectation(of: operation.word) }
    return error("expected an operation, found \(current.spelling)")
  }

  private func secondExpectation(of word: String) -> Diagnostic {
    error("'\(word)' already has an expectation", notes: ["write several results with 'or': '= 0 or EAGAIN'"])
  }

  /// A result of a kind the operation cannot return (`listen … = "x"`) is a script error.
  static func checkFits(_ expectation: Expectation, word: String, kind: Operation.Kind) throws(Diagnostic) {
    for result in expectation.results {
      let needs: String
      switch (result, kind) {
      case (.value, _), (.error, _), (.success, _), (.relation, _), (.timeval, .getTimeout), (.data, .recv),
        (.data, .read), (.data, .recvmsg), (.option, .getOption), (.revents, .poll), (.revents, .ppoll),
        (.option, .fcntl(.F_GETFL, _, _)),
        (.option, .ioctl),
        (.option, .fcntl(.F_GETFD, _, _)), (.data, .getName), (.abstractName, .getName), (.ucred, .getPeerCred),
        (.ucred, .recvmsg):
        continue
      case (.timeval, _): needs = "a timeval result is for 'get sndtimeo' or 'get rcvtimeo'"
      case (.data, _): needs = "a data result (\"…\") is for 'recv', 'recvmsg', 'read', 'getsockname' and 'getpeername'"
      case (.abstractName, _): needs = "an abstract name (@name) is for 'getsockname' and 'getpeername'"
      case (.ucred, _): needs = "credentials ({PID, UID, GID}) are for 'get peercred' and 'recvmsg'"
      case (.option, _):
        needs =
          "an option result ([N]) is for 'get sndbuf', 'get rcvbuf', 'get error', 'get type', 'fcntl getfl', 'fcntl getfd' or 'ioctl'"
      case (.revents, _): needs = "a revents result ([IN|OUT]) is for 'poll' and 'ppoll'"
      }
      throw Diagnostic(
        "'\(word)' cannot return that: \(needs)", at: expectation.location, notes: ["write '= 0' or '= -1 ERRNO'"])
    }
  }

  mutating func parseErrno() throws(Diagnostic) -> Errno {
    guard let word = currentWord else { throw error("expected an errno name such as EAGAIN") }
    guard let errno = Errno(name: word) else {
      throw error(
        "unknown errno '\(word)'", notes: Self.suggestion(for: word, among: Errno.allCases.map(\.name)))
    }
    advance()
    return errno
  }
}
