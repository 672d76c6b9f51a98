extension Parser {
  /// The largest `repeat` count.
  static let maxRepeatCount = 1_000_000_000

  /// repeat := 'repeat' INT [ 'as' NAME ] '{' statements '}'
  mutating func parseRepeat() throws(Diagnostic) -> Statement.Kind {
    let start = current
    advance()
    guard case .number(let text) = current.kind, let count = Int(text), (0...Self.maxRepeatCount).contains(count)
    else {
      throw error(
        "'repeat' needs a count from 0 to \(Self.maxRepeatCount), found \(current.spelling)",
        notes: ["e.g. 'repeat 1000 { client c connect; server accept as s; c close; s close }'"])
    }
    advance()
    var variable: Name?
    if currentIs(.as) {
      advance()
      guard let word = currentWord, !Self.isReserved(word), !word.contains("$") else {
        throw error("'repeat … as' needs a name for the loop variable, found \(current.spelling)")
      }
      if loopVariables.contains(word) {
        throw error(
          "loop variable '\(word)' is already counting in an enclosing 'repeat'", notes: ["pick another name"])
      }
      variable = Name(text: word, location: current.location)
      advance()
    }
    guard current.kind == .leftBrace else {
      throw error("expected '{' to start the body of 'repeat', found \(current.spelling)")
    }
    guard loopVariables.count < maxNesting else {
      throw Diagnostic(
        "'repeat' nested more than \(maxNesting) deep", at: start.location, length: start.length,
        notes: [Limits.note(.nesting)])
    }
    advance()
    openBraces.append(.block)
    loopVariables.append(variable?.text ?? "")
    let body = try parseStatements()
    loopVariables.removeLast()
    guard current.kind == .rightBrace else {
      throw error(
        "expected '}' to end the body of 'repeat' at \(start.location), found \(current.spelling)")
    }
    openBraces.removeLast()
    if body.isEmpty { throw error("the body of 'repeat' is empty", notes: ["put statements between '{' and '}'"]) }
    advance()
    return .loop(Loop(count: count, variable: variable, body: body))
  }

  /// A socket name as written; each `$VAR` in it must be the variable of an enclosing `repeat`.
  func makeName(_ word: String) throws(Diagnostic) -> Name {
    let name = Name(text: word, location: current.location)
    for use in name.template?.uses ?? [] where !loopVariables.contains(use.variable) {
      // Point at the variable inside the word (a word is ASCII and on one line).
      let at = SourceLocation(
        line: current.location.line, column: current.location.column + use.offset,
        offset: current.location.offset + use.offset)
      throw Diagnostic(
        "'$\(use.variable)' is not the variable of an enclosing 'repeat'", at: at, length: use.length,
        notes: ["name the loop's counter: repeat 3 as \(use.variable) { client c$\(use.variable) connect }"])
    }
    return name
  }
}
