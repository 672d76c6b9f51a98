import SockKernel
import SyscallVocabulary

/// The statements of processes: `fork`, `exit`, `exec`, `waitpid`, `kill`, `setuid`, `setgid`.
extension Parser {
  /// A process's name after `word`: any word that can name a socket.
  mutating func parseProcessName(after word: String, example: String) throws(Diagnostic) -> Name {
    guard let text = currentWord, Self.canReferToSocket(text) else {
      throw error("'\(word)' needs the name of a process, found \(current.spelling)", notes: ["e.g. '\(example)'"])
    }
    let name = try makeName(text)
    advance()
    return name
  }

  /// fork := 'fork' NAME [ expectation ]
  mutating func parseFork() throws(Diagnostic) -> Statement.Kind {
    advance()
    let name = try parseProcessName(after: "fork", example: "fork child")
    return .fork(name, expectation: try parseExpectation())
  }

  /// exit := 'exit' [ INT ]            (0 … 255; only after a thread's prefix)
  mutating func parseExit() throws(Diagnostic) -> Statement.Kind {
    advance()
    guard case .number = current.kind else { return .exit(0) }
    let at = current
    let status = try parseInt32("exit's status")
    guard (0...255).contains(status) else {
      throw Diagnostic(
        "exit's status must be from 0 to 255, found \(status)", at: at.location, length: at.length,
        notes: ["a parent's wait sees only the status's low byte"])
    }
    return .exit(status)
  }

  /// exec := 'exec'                   (only after a thread's prefix)
  mutating func parseExec() throws(Diagnostic) -> Statement.Kind {
    advance()
    // The program is the script itself: there is no path, argument or environment to give.
    if !atStatementEnd {
      throw error(
        "'exec' takes no arguments, found \(current.spelling)",
        notes: ["the process runs the same script again: 'child: exec'"])
    }
    return .exec
  }

  /// waitpid := 'waitpid' [ NAME ] [ expectation ]
  mutating func parseWaitpid() throws(Diagnostic) -> Statement.Kind {
    advance()
    var name: Name?
    if let text = currentWord, Self.canReferToSocket(text) {
      name = try makeName(text)
      advance()
    }
    return .waitpid(name, expectation: try parseExpectation())
  }

  /// kill := 'kill' NAME [ SIGNAL ] [ expectation ]
  /// SIGNAL := 'SIGTERM' | 'SIGKILL' | 'SIGUSR1' | 'SIGUSR2' | 'SIGPIPE'
  mutating func parseKill() throws(Diagnostic) -> Statement.Kind {
    advance()
    let name = try parseProcessName(after: "kill", example: "kill child SIGTERM")
    var signal = Signal.SIGTERM
    if let word = currentWord, word.hasPrefix("SIG") {
      if let named = SignalWord(rawValue: word) {
        signal = named.signal
      } else if word == PlainWord.SIGPIPE.rawValue {
        signal = .SIGPIPE
      } else {
        let names = SignalWord.allCases.map(\.rawValue) + [PlainWord.SIGPIPE.rawValue]
        throw error(
          "'kill' cannot send \(word)",
          notes: Self.suggestion(for: word, among: names) + ["signals: " + names.joined(separator: ", ")])
      }
      advance()
    }
    return .kill(name, signal, expectation: try parseExpectation())
  }

  /// setrlimit := 'setrlimit' 'nofile' INT [ INT ] [ expectation ]   (the soft limit, then the
  /// hard one, the soft one's value when left out)
  mutating func parseSetrlimit() throws(Diagnostic) -> Statement.Kind {
    advance()
    guard currentWord == PlainWord.nofile.rawValue else {
      throw error(
        "'setrlimit' sets RLIMIT_NOFILE only, found \(current.spelling)", notes: ["write 'setrlimit nofile 8'"])
    }
    advance()
    let cur = try parseLimit("the soft limit")
    var max = cur
    if case .number = current.kind { max = try parseLimit("the hard limit") }
    return .setrlimit(RLimit(cur: cur, max: max), expectation: try parseExpectation())
  }

  /// A limit: 0 … 2^63 - 1, pointed at where it is written when it is not one.
  private mutating func parseLimit(_ what: String) throws(Diagnostic) -> UInt64 {
    let at = current
    let range = "from 0 to 9223372036854775807"
    let value = try parseInteger(what, as: Int64.self, range: range)
    guard value >= 0 else {
      throw Diagnostic(
        "\(what) must be \(range), found \(value)", at: at.location, length: at.length,
        notes: ["'setrlimit nofile 8 16': soft limit 8, hard limit 16"])
    }
    return UInt64(value)
  }

  /// setuid := 'setuid' INT [ expectation ]     setgid := 'setgid' INT [ expectation ]
  mutating func parseCredential(_ word: StatementWord) throws(Diagnostic) -> Statement.Kind {
    advance()
    let id = try parseInteger("\(word.rawValue)'s id", as: UInt32.self, range: "from 0 to 4294967295")
    let expectation = try parseExpectation()
    return word == .setuid ? .setuid(id, expectation: expectation) : .setgid(id, expectation: expectation)
  }
}
