import SockKernel
import SyscallVocabulary

/// What may follow inside an expectation, for Tab.
extension NextWords {
  /// expectation := ( '=' result | relation ) { 'or' ( result | relation ) } [ 'at' duration ].
  /// Skips `operation`'s one if present; when the tokens end inside it, what may come there,
  /// and after a result `or`, `at` or `follow`.
  mutating func expectationIfAny(of operation: OperationWord?, then follow: [String]) -> [String]? {
    guard !atEnd, Self.startsExpectation(tokens[index].kind) else { return nil }
    let at = Keyword.at.rawValue
    let or = ExpectationWord.or.rawValue
    while true {
      if let open = result(of: operation) { return open }
      if atEnd { return [at, or] + follow }
      guard word == or else { break }
      skip()
      if atEnd { return Self.resultWords }
      if case .relation = tokens[index].kind { continue }
      index -= 1  // back to 'or', so that `result` reads what follows it as after '='
    }
    guard word == at else { return nil }
    skip()
    if atEnd { return [] }
    skip()
    return nil
  }

  /// The words a result may be: `ok` and the errnos.
  private static let resultWords = [ExpectationWord.ok.rawValue] + Errno.allCases.map(\.name)

  private static func startsExpectation(_ kind: Token.Kind) -> Bool {
    switch kind {
    case .equals, .relation: true
    default: false
    }
  }

  /// Skips `=` (or `or`) and one result, or a relation and its bound; when the tokens end
  /// inside, what may come there.
  private mutating func result(of operation: OperationWord?) -> [String]? {
    let isRelation = if case .relation = tokens[index].kind { true } else { false }
    skip()
    if atEnd { return isRelation ? [] : Self.resultWords }
    if isRelation {
      skip()  // the bound
      return nil
    }
    let errnos = Errno.allCases.map(\.name)
    switch tokens[index].kind {
    case .number(let value):
      skip()
      // Only a failed call's -1 takes an errno; after another number, a word that is not
      // 'at', 'or' or an operation is read as an errno.
      if atEnd && value == "-1" { return errnos }
      if value == "-1", word != nil { skip() }
    case .leftBracket:
      // A poll's revents ([IN|OUT, 0]) or an option's value ([4608], [EPIPE]).
      var first = true
      skip()
      while !atEnd, tokens[index].kind != .rightBracket {
        first = false
        skip()
      }
      if atEnd {
        if operation == .poll { return ReventWord.allCases.map(\.rawValue) }
        return operation == .get && first ? errnos : []
      }
      skip()
    case .leftBrace:
      while !atEnd, tokens[index].kind != .rightBrace { skip() }
      if atEnd { return [] }
      skip()
    default:
      skip()
    }
    return nil
  }
}
