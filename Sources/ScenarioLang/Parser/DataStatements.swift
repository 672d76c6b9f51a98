import SockKernel
import SyscallVocabulary

extension Parser {
  /// socketpair := 'socketpair' NAME NAME [ type [ sockflags ] ] [ expectation ]
  mutating func parseSocketpair() throws(Diagnostic) -> Statement.Kind {
    advance()
    let first = try parseNewName("'socketpair' needs two names")
    let second = try parseNewName("'socketpair' needs two names")
    var type: SocketType?
    var flags: Int32 = 0
    if let word = currentWord, let t = TypeWord(rawValue: word) {
      type = t.type
      advance()
      flags = try parseTypeFlags()
    }
    return .socketpair(first, second, type: type, expectation: try parseExpectation(), flags: flags)
  }

  /// A name for a new socket.
  mutating func parseNewName(_ what: String) throws(Diagnostic) -> Name {
    guard let word = currentWord, !Self.isReserved(word) else {
      throw error("\(what), found \(current.spelling)", notes: ["e.g. 'socketpair a b stream'"])
    }
    let name = try makeName(word)
    advance()
    return name
  }

  /// signal := 'signal' NAME [ 'restart' ]
  mutating func parseSignal() throws(Diagnostic) -> Statement.Kind {
    advance()
    guard let word = currentWord, Self.canReferToSocket(word) else {
      throw error("'signal' needs the name of the socket whose thread gets it, found \(current.spelling)")
    }
    let name = try makeName(word)
    advance()
    if currentIs(.restart) {
      advance()
      return .signal(name, .SIGUSR2)
    }
    return .signal(name, .SIGUSR1)
  }

  /// The sysctls that count bytes, whose value may be written as a size (`4MiB`).
  static let byteCountSysctls: Set<Sysctl> = [.wmemDefault, .rmemDefault, .wmemMax, .rmemMax]

  /// sysctl := 'sysctl' SYSCTL byteCount [ expectation ]
  mutating func parseSysctl() throws(Diagnostic) -> Statement.Kind {
    advance()
    let names = Sysctl.allCases.map(\.rawValue)
    guard case .dotted(let text) = current.kind else {
      throw error(
        "'sysctl' needs a name, found \(current.spelling)", notes: ["sysctls: " + names.joined(separator: ", ")])
    }
    guard let sysctl = Sysctl(rawValue: text) else {
      throw error(
        "unknown sysctl '\(text)'",
        notes: Self.suggestion(for: text, among: names) + ["sysctls: " + names.joined(separator: ", ")])
    }
    advance()
    if case .size = current.kind, !Self.byteCountSysctls.contains(sysctl) {
      throw error(
        "\(sysctl) is not a byte count, so it takes no size, found \(current.spelling)",
        notes: ["write a plain integer; sizes are for the buffer sysctls (net.core.wmem_*, net.core.rmem_*)"])
    }
    let value = try parseByteCount("the sysctl's value", as: Int64.self, range: Self.longRange)
    return .sysctl(sysctl, value: value, expectation: try parseExpectation())
  }

  /// ignore := 'ignore' 'SIGPIPE'      (the action of the calling thread's process)
  mutating func parseIgnore() throws(Diagnostic) -> Statement.Kind {
    advance()
    guard currentWord == PlainWord.SIGPIPE.rawValue else {
      throw error("'ignore' takes SIGPIPE, found \(current.spelling)", notes: ["write 'ignore SIGPIPE'"])
    }
    advance()
    return .ignoreSigpipe
  }

  /// handle := 'handle' 'SIGURG' [ 'restart' ]   (a handler in the calling thread's process)
  mutating func parseHandle() throws(Diagnostic) -> Statement.Kind {
    advance()
    guard currentWord == PlainWord.SIGURG.rawValue else {
      throw error(
        "'handle' takes SIGURG, found \(current.spelling)",
        notes: ["write 'handle SIGURG', or 'handle SIGURG restart' for a handler with SA_RESTART"])
    }
    advance()
    let restart = currentIs(.restart)
    if restart { advance() }
    return .handleSigurg(restart: restart)
  }

  /// block := ( 'block' | 'unblock' ) signals [ expectation ]
  mutating func parseSigprocmask(_ how: SigprocmaskHow) throws(Diagnostic) -> Statement.Kind {
    advance()
    let set = try parseSignalSet(after: how == .SIG_BLOCK ? "block" : "unblock", zero: false)
    return .sigprocmask(how, set, expectation: try parseExpectation())
  }

  /// state := 'state'
  mutating func parseState() -> Statement.Kind {
    advance()
    return .state
  }
}
