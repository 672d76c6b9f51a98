import SyscallVocabulary

extension Parser {
  /// get := 'get' ( GETWORD | INT ) [ 'optlen' bytes ] — `getsockopt` at SOL_SOCKET. A word
  /// names the option (`get sndbuf`); an integer is the option's number, for any option
  /// (`get 99`, which the kernel may answer with ENOPROTOOPT). `optlen` gives the length the
  /// call passes, for the options that read an `int`.
  mutating func parseGet() throws(Diagnostic) -> Operation.Kind {
    let kind: Operation.Kind
    if case .number = current.kind {
      kind = .getOption(IntOption(number: try parseInt32("an option number")), optlen: 4)
    } else if let word = currentWord.flatMap(GetOptionWord.init(rawValue:)) {
      kind = word.kind
      advance()
    } else {
      let words = GetOptionWord.allCases.map(\.rawValue)
      throw error(
        "'get' reads \(words.joined(separator: ", ")) or an option's number, found \(current.spelling)")
    }
    guard currentIs(.optlen) else { return kind }
    guard case .getOption(let option, _) = kind else {
      throw error("'optlen' is for a 'get' of an int option, not of \(kind.getWord ?? "this option")")
    }
    return .getOption(option, optlen: try parseOptlen())
  }
}

extension Parser {
  /// [ 'optlen' bytes ] — the length a `setsockopt` of an int passes: 4 when left out.
  mutating func parseOptlen() throws(Diagnostic) -> Int32 {
    guard currentIs(.optlen) else { return 4 }
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

extension Operation.Kind {
  /// The word of a `get` that reads no `int` (`sndtimeo`, `peercred`).
  fileprivate var getWord: String? {
    switch self {
    case .getTimeout(.SO_SNDTIMEO): "sndtimeo"
    case .getTimeout(.SO_RCVTIMEO): "rcvtimeo"
    case .getPeerCred: "peercred"
    default: nil
    }
  }
}
