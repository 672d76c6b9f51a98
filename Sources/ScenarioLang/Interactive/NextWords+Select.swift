/// What may come next in the calls with descriptor sets or a signal mask.
extension NextWords {
  /// [ 'sigmask' signals ] at the end of `ppoll`, `pselect` and `epoll_pwait`: offered
  /// where the tokens end before it; nil once it is complete (or not there).
  mutating func sigmask() -> [String]? {
    if atEnd { return [PlainWord.sigmask.rawValue] + Parser.operationWords }
    guard word == PlainWord.sigmask.rawValue else { return nil }
    skip()
    return signalSet(zero: true)
  }

  /// signals := SIGNAL { '|' SIGNAL } (or '0' where `zero`): the signals where the tokens
  /// end among them, nil once complete.
  mutating func signalSet(zero: Bool) -> [String]? {
    let names = Parser.maskableSignals.keys.sorted()
    if atEnd { return zero ? ["0"] + names : names }
    skip()
    while !atEnd, tokens[index].kind == .pipe {
      skip()
      if atEnd { return names }
      skip()
    }
    return nil
  }

  /// select := ( 'select' | 'pselect' ) { ( 'read' | 'write' | 'except' ) NAME { ',' NAME } }
  ///           [ 'timeout' ( duration | 'forever' ) ] [ 'sigmask' signals ]
  mutating func select(pselect: Bool) -> [String]? {
    let sets = SelectSetWord.allCases.map(\.rawValue)
    let timeout = Keyword.timeout.rawValue
    let tail = pselect ? [timeout, PlainWord.sigmask.rawValue] : [timeout]
    while let w = word, SelectSetWord(rawValue: w) != nil {
      skip()
      if atEnd { return sockets }
      skip()
      while !atEnd, tokens[index].kind == .comma {
        skip()
        if atEnd { return sockets }
        skip()
      }
    }
    if atEnd { return sets + tail + Parser.operationWords }
    if word == timeout {
      skip()
      if atEnd { return [Keyword.forever.rawValue] }
      skip()
    }
    return pselect ? sigmask() : nil
  }
}
