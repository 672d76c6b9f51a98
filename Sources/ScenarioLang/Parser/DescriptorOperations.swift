import SockKernel
import SyscallVocabulary

/// The descriptor operations' arguments: `dup`'s new name, `dup2`'s target, `fcntl`.
extension Parser {
  /// duptarget := NAME | INT 'as' NAME
  mutating func parseDupTarget(_ word: String) throws(Diagnostic) -> DupTarget {
    if case .number = current.kind {
      let number = try parseInt32("\(word)'s target descriptor")
      guard currentIs(.as) else {
        throw error(
          "'\(word) \(number)' needs 'as NAME', the name of the descriptor it makes, found \(current.spelling)")
      }
      advance()
      return .number(number, as: try parseNewDescriptorName("\(word) \(number) as"))
    }
    guard let target = currentWord, Self.canReferToSocket(target) else {
      throw error(
        "'\(word)' needs the name whose descriptor it replaces, or a number and 'as NAME', found \(current.spelling)",
        notes: ["e.g. '\(word) d' or '\(word) 7 as d'"])
    }
    defer { advance() }
    return .socket(try makeName(target))
  }

  /// The name a `dup` gives the descriptor it makes.
  mutating func parseNewDescriptorName(_ what: String) throws(Diagnostic) -> Name {
    guard let word = currentWord, !Self.isReserved(word) else {
      throw error("'\(what)' needs a name for the new descriptor, found \(current.spelling)")
    }
    defer { advance() }
    return try makeName(word)
  }

  /// open := 'open' STRING 'as' NAME [ expectation ]
  mutating func parseOpen() throws(Diagnostic) -> Statement.Kind {
    advance()
    guard case .string(let path) = current.kind else {
      throw error("'open' needs a path in double quotes, found \(current.spelling)", notes: ["e.g. 'open \"f\" as f'"])
    }
    advance()
    guard currentIs(.as) else {
      throw error("'open' needs 'as NAME', the name of the descriptor it makes, found \(current.spelling)")
    }
    advance()
    let name = try parseNewDescriptorName("open as")
    return .open(path: path, as: name, expectation: try parseExpectation())
  }

  /// fcntl := 'fcntl' ( 'getfl' | 'getfd' | 'setfl' statusflags | 'setfd' ( 'cloexec' | '0' )
  ///          | ( 'dupfd' | 'dupfd_cloexec' ) INT 'as' NAME
  ///          | 'setown' ( PROCESS | '0' ) | 'setown_ex' THREAD | 'getown' )
  mutating func parseFcntl() throws(Diagnostic) -> Operation.Kind {
    guard let word = currentWord.flatMap(FcntlWord.init(rawValue:)) else {
      let words = FcntlWord.allCases.map(\.rawValue)
      throw error(
        "'fcntl' takes \(words.dropLast().joined(separator: ", ")) or \(words.last!), found \(current.spelling)",
        notes: currentWord.map { Self.suggestion(for: $0, among: words) } ?? [])
    }
    advance()
    switch word {
    case .getfl, .getfd, .getown:
      return .fcntl(word.command, arg: 0, as: nil)
    case .setown, .setown_ex:
      if word == .setown, case .number(let text) = current.kind, text == "0" {
        advance()
        return .setOwner(nil, thread: false)
      }
      let what = word == .setown ? "a process (a 'fork' name or main), or 0" : "a thread"
      if word == .setown, currentIs(.main) {
        let name = try makeName(Keyword.main.rawValue)
        advance()
        return .setOwner(name, thread: false)
      }
      guard let text = currentWord, Self.canReferToSocket(text) || text == Keyword.main.rawValue else {
        throw error(
          "'fcntl \(word.rawValue)' needs \(what), found \(current.spelling)",
          notes: [word == .setown ? "e.g. 'fcntl setown child'" : "e.g. 'fcntl setown_ex reader'"])
      }
      let name = try makeName(text)
      advance()
      return .setOwner(name, thread: word == .setown_ex)
    case .setfl:
      return .fcntl(.F_SETFL, arg: try parseStatusFlags(), as: nil)
    case .setfd:
      if currentIs(.cloexec) {
        advance()
        return .fcntl(.F_SETFD, arg: FD_CLOEXEC, as: nil)
      }
      guard case .number(let text) = current.kind, text == "0" else {
        throw error("'fcntl setfd' takes cloexec or 0, found \(current.spelling)")
      }
      advance()
      return .fcntl(.F_SETFD, arg: 0, as: nil)
    case .dupfd, .dupfd_cloexec:
      let what = "fcntl \(word.rawValue)"
      let from = try parseInt32("\(what)'s lowest descriptor")
      guard currentIs(.as) else {
        throw error("'\(what) \(from)' needs 'as NAME', the name of the descriptor it makes, found \(current.spelling)")
      }
      advance()
      return .fcntl(word.command, arg: from, as: try parseNewDescriptorName("\(what) \(from) as"))
    }
  }

  /// statusflags := '0' | STATUSFLAG { '|' STATUSFLAG }     STATUSFLAG := 'nonblock' | 'append' | 'direct'
  mutating func parseStatusFlags() throws(Diagnostic) -> Int32 {
    if case .number(let text) = current.kind, text == "0" {
      advance()
      return 0
    }
    var flags: Int32 = 0
    repeat {
      if flags != 0 { advance() }
      guard let flag = currentWord.flatMap(StatusFlagWord.init(rawValue:)) else {
        let words = StatusFlagWord.allCases.map(\.rawValue)
        throw error(
          "'fcntl setfl' takes \(words.joined(separator: ", ")) joined by '|', or 0, found \(current.spelling)",
          notes: currentWord.map { word in
            let lower = word.hasPrefix("O_") ? String(word.dropFirst(2)).lowercased() : word
            return Self.suggestion(for: lower, among: words)
          } ?? [])
      }
      flags |= flag.flag
      advance()
    } while current.kind == .pipe
    return flags
  }

  /// sockflags := '|' SOCKFLAG { '|' SOCKFLAG } after a type: `stream|nonblock|cloexec`, as C
  /// ORs them into socket()'s type.
  mutating func parseTypeFlags() throws(Diagnostic) -> Int32 {
    guard current.kind == .pipe else { return 0 }
    advance()
    return try parseSocketFlags("a socket type")
  }

  /// SOCKFLAG { '|' SOCKFLAG }     SOCKFLAG := 'nonblock' | 'cloexec' | INT
  /// A number is for the flags the kernel refuses (`stream|64` is EINVAL).
  mutating func parseSocketFlags(_ what: String) throws(Diagnostic) -> Int32 {
    var flags: Int32 = 0
    var first = true
    repeat {
      if !first { advance() }
      first = false
      if case .number = current.kind {
        flags |= try parseInt32("a socket flag")
        continue
      }
      guard let flag = currentWord.flatMap(SocketFlagWord.init(rawValue:)) else {
        let words = SocketFlagWord.allCases.map(\.rawValue)
        throw error(
          "the flags of \(what) are \(words.joined(separator: " and ")) (or a number), joined by '|', found \(current.spelling)",
          notes: currentWord.map { word in
            let bare = word.hasPrefix("SOCK_") ? String(word.dropFirst(5)).lowercased() : word
            return Self.suggestion(for: bare, among: words)
          } ?? [])
      }
      flags |= flag.flag
      advance()
    } while current.kind == .pipe
    return flags
  }

  /// fileflags := FILEFLAG { '|' FILEFLAG }: what `fcntl getfl` or `getfd` returns, as
  /// strace names it (`[O_RDWR|O_NONBLOCK]`, `[FD_CLOEXEC]`).
  mutating func parseFileFlags() throws(Diagnostic) -> Int32 {
    var flags: Int32 = 0
    var first = true
    repeat {
      if !first { advance() }
      first = false
      guard let flag = currentWord.flatMap(FileFlagWord.init(rawValue:)) else {
        throw error(
          "expected file flags such as O_RDWR|O_NONBLOCK, found \(current.spelling)",
          notes: currentWord.map { Self.suggestion(for: $0, among: FileFlagWord.allCases.map(\.rawValue)) } ?? [])
      }
      flags |= flag.flag
      advance()
    } while current.kind == .pipe
    return flags
  }

  /// ioctl := 'ioctl' ( 'SIOCINQ' | 'FIONREAD' | 'SIOCOUTQ' | 'TIOCOUTQ' | 'SIOCATMARK' )
  mutating func parseIoctl() throws(Diagnostic) -> IoctlRequest {
    guard let word = currentWord.flatMap(IoctlWord.init(rawValue:)) else {
      let words = IoctlWord.allCases.map(\.rawValue)
      throw error(
        "'ioctl' takes \(words.dropLast().joined(separator: ", ")) or \(words.last!), found \(current.spelling)",
        notes: currentWord.map { Self.suggestion(for: $0, among: words) } ?? [])
    }
    advance()
    return word.request
  }
}
