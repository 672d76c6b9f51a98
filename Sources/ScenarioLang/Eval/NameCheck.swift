/// Checks names before anything runs: a socket is declared once and used after its
/// declaration, so a misspelt name fails the script with no output.
struct NameCheck {
  /// Names known so far, with where each was declared.
  var declared: [String: SourceLocation] = [:]

  mutating func check(_ script: Script) throws(Diagnostic) {
    for statement in script.statements {
      switch statement.kind {
      case .declare(let kind, let name, _, let operations):
        if let name {
          try declare(name)
        } else if declared[kind.rawValue] == nil {
          declared[kind.rawValue] = statement.location
        }
        try check(operations)
      case .act(let name, let operations):
        try use(name)
        try check(operations)
      case .wait(let name):
        if let name { try use(name) }
      case .socketpair(let first, let second, _, _):
        try declare(first)
        try declare(second)
      case .signal(let name, _):
        try use(name)
      case .sleep, .file, .sysctl, .ignoreSigpipe:
        break
      }
    }
  }

  private mutating func check(_ operations: [Operation]) throws(Diagnostic) {
    for operation in operations {
      switch operation.kind {
      case .connect(.socket(let target)), .send(_, _, .socket(let target)): try use(target)
      case .accept(let name?): try declare(name)
      case .poll(let items, _): for case let name? in items.map(\.name) { try use(name) }
      default: break
      }
    }
  }

  private mutating func declare(_ name: Name) throws(Diagnostic) {
    if let earlier = declared[name.text] {
      throw Diagnostic(
        "socket '\(name.text)' is already declared", at: name.location, length: name.text.count,
        notes: ["it was declared at \(earlier); pick another name"])
    }
    declared[name.text] = name.location
  }

  private func use(_ name: Name) throws(Diagnostic) {
    guard declared[name.text] == nil else { return }
    let suggestion = Parser.suggestion(for: name.text, among: declared.keys.sorted())
    throw Diagnostic(
      "unknown socket '\(name.text)'", at: name.location, length: name.text.count,
      notes: suggestion.isEmpty ? ["declare it first, e.g. 'client \(name.text) connect'"] : suggestion)
  }
}
