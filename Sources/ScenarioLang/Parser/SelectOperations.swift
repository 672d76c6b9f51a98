import SyscallVocabulary

/// The readiness calls that take a signal mask or descriptor sets: `ppoll`, `select`,
/// `pselect` and `epoll_pwait`, and the signal sets of `sigmask`, `block` and `unblock`.
extension Parser {
  /// The signals a mask can name: those with a handler a script can install (SIGUSR1 and
  /// SIGUSR2 always have one, SIGURG with `handle SIGURG`).
  static let maskableSignals: [String: Signal] = [
    SignalWord.SIGUSR1.rawValue: .SIGUSR1, SignalWord.SIGUSR2.rawValue: .SIGUSR2, PlainWord.SIGURG.rawValue: .SIGURG,
  ]

  /// signals := SIGNAL { '|' SIGNAL } | '0' (the empty set, where `zero` allows it)
  mutating func parseSignalSet(after word: String, zero: Bool) throws(Diagnostic) -> SigSet {
    if zero, case .number(let text) = current.kind, text == "0" {
      advance()
      return []
    }
    var set = SigSet()
    repeat {
      if !set.isEmpty { advance() }  // the '|'
      guard let name = currentWord, let signal = Self.maskableSignals[name] else {
        if currentWord == PlainWord.SIGPIPE.rawValue {
          throw error(
            "'\(word)' takes SIGUSR1, SIGUSR2 or SIGURG, found 'SIGPIPE'",
            notes: [
              "a blocked SIGPIPE is not modelled: 'ignore SIGPIPE' or 'send … nosignal' keep a send from raising it"
            ])
        }
        throw error(
          "'\(word)' takes SIGUSR1, SIGUSR2 or SIGURG, found \(current.spelling)",
          notes: [
            zero
              ? "join several with '|' ('\(word) SIGUSR1|SIGUSR2'), or write '\(word) 0' for none"
              : "join several with '|': '\(word) SIGUSR1|SIGUSR2'"
          ])
      }
      set.insert(SigSet(signal))
      advance()
    } while current.kind == .pipe
    return set
  }

  /// [ 'sigmask' signals ]
  mutating func parseSigmask() throws(Diagnostic) -> SigSet? {
    guard currentWord == PlainWord.sigmask.rawValue else { return nil }
    advance()
    return try parseSignalSet(after: "sigmask", zero: true)
  }

  /// [ 'timeout' ( duration | 'forever' ) ] as a `timespec` (any whole number of
  /// nanoseconds; a `timeval` with `microseconds`): nil for forever, 0 when left out.
  mutating func parseTimespecTimeout(_ call: String, microseconds: Bool = false) throws(Diagnostic) -> Nanoseconds? {
    guard currentIs(.timeout) else { return 0 }
    advance()
    if currentIs(.forever) {
      advance()
      return nil
    }
    let token = current
    let ns = try parseDuration("timeout")
    guard ns >= 0, !microseconds || ns % 1000 == 0 else {
      throw Diagnostic(
        microseconds
          ? "\(call)'s timeout is a timeval: a whole number of microseconds, not negative"
          : "\(call)'s timeout cannot be negative",
        at: token.location, length: token.length, notes: ["or 'timeout forever'"])
    }
    return ns
  }

  /// ppoll := 'ppoll' [ item { ',' item } ] [ 'timeout' ( duration | 'forever' ) ] [ 'sigmask' signals ]
  mutating func parsePpoll() throws(Diagnostic) -> Operation.Kind {
    let items = try parsePollItems()
    let timeout = try parseTimespecTimeout("ppoll")
    return .ppoll(items, timeout: timeout, sigmask: try parseSigmask())
  }

  /// epollpwait := 'epoll_pwait' [ INT ] [ 'timeout' ( duration | 'forever' ) ] [ 'sigmask' signals ]
  mutating func parseEpollPwait() throws(Diagnostic) -> Operation.Kind {
    var maxevents: Int32 = 8
    if case .number = current.kind { maxevents = try parseInt32("epoll_pwait's maxevents") }
    let timeoutMs = try parsePollTimeout("epoll_pwait")
    return .epollPwait(maxevents: maxevents, timeoutMs: timeoutMs, sigmask: try parseSigmask())
  }

  /// select := ( 'select' | 'pselect' ) { ( 'read' | 'write' | 'except' ) NAME { ',' NAME } }
  ///           [ 'timeout' ( duration | 'forever' ) ] [ 'sigmask' signals ]   (sigmask: pselect only)
  mutating func parseSelect(pselect: Bool) throws(Diagnostic) -> Operation.Kind {
    let call = pselect ? "pselect" : "select"
    var sets = SelectSets(pselect: pselect, read: nil, write: nil, except: nil, timeout: 0, sigmask: nil)
    while let word = currentWord, let setWord = SelectSetWord(rawValue: word) {
      let already: Bool
      switch setWord {
      case .read: already = sets.read != nil
      case .write: already = sets.write != nil
      case .except: already = sets.except != nil
      }
      if already { throw error("'\(call)' has its '\(word)' set already: name all its sockets after one '\(word)'") }
      advance()
      var names: [Name] = []
      repeat {
        if !names.isEmpty { advance() }  // the ','
        guard let name = currentWord, Self.canReferToSocket(name) else {
          throw error(
            "'\(word)' needs the names of the sockets in the set, found \(current.spelling)",
            notes: ["e.g. '\(call) \(word) a, b'"])
        }
        names.append(try makeName(name))
        advance()
      } while current.kind == .comma
      switch setWord {
      case .read: sets.read = names
      case .write: sets.write = names
      case .except: sets.except = names
      }
    }
    sets.timeout = try parseTimespecTimeout(call, microseconds: !pselect)
    if pselect {
      sets.sigmask = try parseSigmask()
    } else if currentWord == PlainWord.sigmask.rawValue {
      throw error("'select' takes no signal mask", notes: ["'pselect' does: 'pselect read a sigmask 0'"])
    }
    return .select(sets)
  }
}
