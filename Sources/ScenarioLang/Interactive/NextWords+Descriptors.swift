/// Completion of the descriptor operations' arguments.
extension NextWords {
  /// 'dup' 'as' NAME | ( 'dup2' | 'dup3' ) ( NAME | INT 'as' NAME ): what may come where the
  /// tokens end among the arguments; nil once they are complete.
  mutating func duplicate(_ operation: OperationWord) -> [String]? {
    if operation != .dup {
      if atEnd { return sockets }
      let numbered = if case .number = tokens[index].kind { true } else { false }
      skip()
      guard numbered else { return nil }
    }
    if atEnd { return [Keyword.as.rawValue] }
    guard word == Keyword.as.rawValue else { return [] }
    skip()
    if atEnd { return [] }  // the new descriptor's name
    skip()
    return nil
  }
}
