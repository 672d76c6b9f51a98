import SyscallVocabulary

extension Parser {
  /// get := 'get' ( GETWORD | INT ) [ 'optlen' bytes ] — `getsockopt` at SOL_SOCKET. A word
  /// names the option (`get sndbuf`); an integer is the option's number, for any option
  /// (`get 99`, which the kernel may answer with ENOPROTOOPT). `optlen` gives the length the
  /// call passes, for the options that read an `int`.
  mutating func parseGet() throws(Diagnostic) -> Operation.Kind {
    if case .number = current.kind {
      let option = IntOption(number: try parseInt32("an option number"))
      return .getOption(option, optlen: try parseOptlen())
    }
    guard let word = currentWord.flatMap(GetOptionWord.init(rawValue:)) else {
      let words = GetOptionWord.allCases.map(\.rawValue)
      throw error(
        "'get' reads \(words.joined(separator: ", ")) or an option's number, found \(current.spelling)")
    }
    advance()
    if let option = word.intOption { return .getOption(option, optlen: try parseOptlen()) }
    if currentIs(.optlen) { throw error("'optlen' is for a 'get' of an int option, not of \(word.rawValue)") }
    return word.kind
  }
}

extension Parser {
  /// [ 'optlen' bytes ] — the length a `setsockopt` or `getsockopt` passes: the value's own
  /// size (an int's 4, a timeval's 16) when left out.
  mutating func parseOptlen(otherwise size: Int32 = 4) throws(Diagnostic) -> Int32 {
    guard currentIs(.optlen) else { return size }
    advance()
    return try parseByteCount("optlen", as: Int32.self, range: Self.intRange)
  }

  /// [ 'on' | 'off' ] — on when left out.
  mutating func parseOnOff() -> Bool {
    guard let given = currentWord.flatMap(NonblockWord.init(rawValue:)) else { return true }
    advance()
    return given.isOn
  }
}
