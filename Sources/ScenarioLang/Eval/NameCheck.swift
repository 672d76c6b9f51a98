/// Checks names before anything runs: a socket is declared once and used after its
/// declaration, so a misspelt name fails the script with no output.
///
/// A `repeat` body is checked once: a declaration in it names a new socket on every
/// iteration (the name then means the latest). A name template (`c$i`) is checked by its
/// shape; whether `c7` exists when it is used is known only when the loop has run, so the
/// evaluator checks that.
struct NameCheck {
  /// Socket names known so far, with where each was declared. (Sockets are the only named
  /// things today; names of threads and processes will be a namespace of their own.)
  var sockets: [String: DeclarationSite] = [:]
  /// Socket name templates declared so far.
  var socketTemplates: [(template: NameTemplate, name: Name, site: DeclarationSite)] = []
  /// The name of the source being checked, for the sites recorded; nil in a script.
  var file: String?

  func site(_ location: SourceLocation) -> DeclarationSite { DeclarationSite(location: location, file: file) }

  mutating func check(_ script: Script) throws(Diagnostic) { try check(script.statements) }

  private mutating func check(_ statements: [Statement]) throws(Diagnostic) {
    for statement in statements {
      switch statement.kind {
      case .declare(let kind, let name, _, let operations, _):
        if let name {
          try declare(name)
        } else if sockets[kind.rawValue] == nil {
          sockets[kind.rawValue] = site(statement.location)
        }
        try check(operations)
      case .act(let name, let operations):
        try use(name)
        try check(operations)
      case .wait(let name):
        if let name { try use(name) }
      case .socketpair(let first, let second, _, _, _):
        try declare(first)
        try declare(second)
      case .signal(let name, _):
        try use(name)
      case .loop(let loop):
        try check(loop.body)
      case .open(_, let name, _):
        try declare(name)
      case .sleep, .file, .sysctl, .ignoreSigpipe:
        break
      }
    }
  }

  private mutating func check(_ operations: [Operation]) throws(Diagnostic) {
    for operation in operations {
      switch operation.kind {
      case .connect(.socket(let target)), .send(_, _, .socket(let target)): try use(target)
      case .accept(let name?), .dup(let name), .dup2(.number(_, let name), _), .fcntl(_, _, let name?),
        .accept4(_, let name?):
        try declare(name)
      case .dup2(.socket(let target), _): try use(target)
      case .poll(let items, _): for case let name? in items.map(\.name) { try use(name) }
      default: break
      }
    }
  }

  private mutating func declare(_ name: Name) throws(Diagnostic) {
    if let template = name.template {
      if let earlier = socketTemplates.first(where: { $0.template.hasShape(of: template) }) {
        throw Diagnostic(
          "sockets named '\(name.text)' are already declared", at: name.location, length: name.text.count,
          notes: [earlier.site.pickAnotherName("'\(earlier.name.text)'", in: file)])
      }
      socketTemplates.append((template, name, site(name.location)))
      return
    }
    if let earlier = sockets[name.text] {
      throw Diagnostic(
        "socket '\(name.text)' is already declared", at: name.location, length: name.text.count,
        notes: [earlier.pickAnotherName(in: file)])
    }
    sockets[name.text] = site(name.location)
  }

  private func use(_ name: Name) throws(Diagnostic) {
    if let template = name.template {
      if socketTemplates.contains(where: { $0.template.hasShape(of: template) }) { return }
      if sockets.keys.contains(where: template.canProduce) { return }
    } else {
      if sockets[name.text] != nil { return }
      if socketTemplates.contains(where: { $0.template.canProduce(name.text) }) { return }
    }
    let suggestion = Parser.suggestion(for: name.text, among: sockets.keys.sorted())
    throw Diagnostic(
      "unknown socket '\(name.text)'", at: name.location, length: name.text.count,
      notes: suggestion.isEmpty ? ["declare it first, e.g. 'client \(name.text) connect'"] : suggestion)
  }
}
