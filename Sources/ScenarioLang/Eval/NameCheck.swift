/// Checks names before anything runs: a socket is declared once and used after its
/// declaration, so a misspelt name fails the script with no output.
///
/// A `repeat` body is checked once: a declaration in it names a new socket on every
/// iteration (the name then means the latest). A name template (`c$i`) is checked by its
/// shape; whether `c7` exists when it is used is known only when the loop has run, so the
/// evaluator checks that.
struct NameCheck {
  /// Socket names known so far, with where each was declared. Each is also the name of the
  /// socket's own thread.
  var sockets: [String: DeclarationSite] = [:]
  /// Threads declared with `thread NAME`, which have no socket: the same namespace as the
  /// sockets' threads.
  var threads: [String: DeclarationSite] = [:]
  /// Processes `fork NAME` made, each also the name of its first thread.
  var processes: [String: DeclarationSite] = [:]
  /// Thread name templates (`thread w$i`) declared so far.
  var threadTemplates: [(template: NameTemplate, name: Name, site: DeclarationSite)] = []
  /// Socket name templates declared so far.
  var socketTemplates: [(template: NameTemplate, name: Name, site: DeclarationSite)] = []
  /// The name of the source being checked, for the sites recorded; nil in a script. Set
  /// for every source checked, which starts its sites afresh.
  var file: String? {
    didSet { sites = DenseTable() }
  }
  /// The sites of the source being checked, by offset: a declaration that runs again (in
  /// its `repeat`) finds its site rather than making another.
  private var sites = DenseTable<DeclarationSite>()

  /// The site at `location` of the source being checked.
  mutating func site(_ location: SourceLocation) -> DeclarationSite {
    if let made = sites[location.offset] { return made }
    let made = DeclarationSite(location: location, file: file)
    sites[location.offset] = made
    return made
  }

  mutating func check(_ script: Script) throws(Diagnostic) { try check(script.statements) }

  private mutating func check(_ statements: [Statement]) throws(Diagnostic) {
    for statement in statements {
      if let thread = statement.thread { try useThread(thread, asPrefix: true) }
      switch statement.kind {
      case .declare(let kind, let name, _, let expectation, let operations, _):
        if let name {
          try declare(name)
        } else if sockets[kind.rawValue] == nil {
          sockets[kind.rawValue] = site(statement.location)
        } else if let expectation {
          throw Self.noSocketCall(kind, expectation)
        }
        try check(operations)
      case .act(let name, let operations):
        try use(name)
        try check(operations)
      case .wait(let name):
        if let name { try useThread(name) }
      case .socketpair(let first, let second, _, _, _):
        try declare(first)
        try declare(second)
      case .signal(let name, _):
        try useThread(name)
      case .loop(let loop):
        try check(loop.body)
      case .thread(let name, let process):
        if let process { try useProcess(process) }
        try declareThread(name)
      case .fork(let name, _):
        if let earlier = processes[name.text] {
          throw Diagnostic(
            "process '\(name.text)' is already forked", at: name.location, length: name.text.count,
            notes: [earlier.pickAnotherName(in: file)])
        }
        try declareThread(name)
        processes[name.text] = site(name.location)
      case .waitpid(let name?, _), .kill(let name, _, _):
        try useProcess(name)
      case .open(_, let name, _), .epoll(let name, _, _):
        try declare(name)
      case .sleep, .file, .sysctl, .ignoreSigpipe, .handleSigurg, .sigprocmask, .state, .exit, .exec, .waitpid, .setuid,
        .setgid, .setrlimit:
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
      case .sendmsg(_, let parts), .sendmmsg(_, let parts):
        for name in parts.rights { try use(name) }
        if case .socket(let name)? = parts.target { try use(name) }
      case .recvmsg(_, _, _, let names, _):
        for name in names { try declare(name) }
      case .poll(let items, _), .ppoll(let items, _, _): for case let name? in items.map(\.name) { try use(name) }
      case .select(let sets):
        for name in [sets.read, sets.write, sets.except].compactMap({ $0 }).joined() { try use(name) }
      case .epollCtl(_, let target, _, _): try use(target)
      case .setOwner(let name?, let thread):
        if thread { try useThread(name) } else if name.text != Keyword.main.rawValue { try useProcess(name) }
      default: break
      }
    }
  }

  /// `server = 3 listen 0` once `server` exists: the declaration reuses it and makes no
  /// `socket()` call for the expectation to check. Found here, or by the session for a
  /// later iteration of the `repeat` that declared it.
  static func noSocketCall(_ kind: DeclarationKind, _ expectation: Expectation) -> Diagnostic {
    Diagnostic(
      "'\(kind.rawValue)' already exists, so no socket() call is made for this expectation",
      at: expectation.location,
      notes: [
        "only the declaration that creates '\(kind.rawValue)' checks its socket(); name a new one: '\(kind.rawValue) s2 = …'"
      ])
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
    if let earlier = threads[name.text] {
      throw Diagnostic(
        "'\(name.text)' is already a thread, and a socket's name is its own thread's", at: name.location,
        length: name.text.count, notes: [earlier.pickAnotherName(in: file)])
    }
    sockets[name.text] = site(name.location)
  }

  /// `thread NAME`: a new name in the threads' namespace, which the sockets' threads share.
  private mutating func declareThread(_ name: Name) throws(Diagnostic) {
    if let template = name.template {
      let all = threadTemplates + socketTemplates
      if let earlier = all.first(where: { $0.template.hasShape(of: template) }) {
        throw Diagnostic(
          "threads named '\(name.text)' are already declared", at: name.location, length: name.text.count,
          notes: [earlier.site.pickAnotherName("'\(earlier.name.text)'", in: file)])
      }
      threadTemplates.append((template, name, site(name.location)))
      return
    }
    if let earlier = threads[name.text] ?? sockets[name.text] {
      throw Diagnostic(
        "thread '\(name.text)' is already declared\(sockets[name.text] != nil ? " (it is the socket's own thread)" : "")",
        at: name.location, length: name.text.count, notes: [earlier.pickAnotherName(in: file)])
    }
    threads[name.text] = site(name.location)
  }

  /// `waitpid NAME`, `kill NAME`, `thread T in NAME`: a process `fork` made.
  private func useProcess(_ name: Name) throws(Diagnostic) {
    if processes[name.text] != nil { return }
    let templates = processes.keys.compactMap(NameTemplate.init)
    if let template = name.template {
      if templates.contains(where: { $0.hasShape(of: template) }) { return }
      if processes.keys.contains(where: template.canProduce) { return }
    } else if templates.contains(where: { $0.canProduce(name.text) }) {
      return
    }
    let suggestion = Parser.suggestion(for: name.text, among: processes.keys.sorted())
    throw Diagnostic(
      "unknown process '\(name.text)'", at: name.location, length: name.text.count,
      notes: suggestion.isEmpty ? ["make it first: 'fork \(name.text)'"] : suggestion)
  }

  /// `NAME:`, `wait NAME`, `signal NAME`: a declared thread, a socket's own thread, or `main`.
  private func useThread(_ name: Name, asPrefix: Bool = false) throws(Diagnostic) {
    if name.text == Keyword.main.rawValue || threads[name.text] != nil { return }
    if let template = name.template {
      if threadTemplates.contains(where: { $0.template.hasShape(of: template) }) { return }
      if threads.keys.contains(where: template.canProduce) { return }
    } else if threadTemplates.contains(where: { $0.template.canProduce(name.text) }) {
      return
    }
    do {
      try use(name)
      return
    } catch {
      // A script with no `thread` has only sockets' threads: the socket's error says it.
      if !asPrefix && threads.isEmpty && threadTemplates.isEmpty { throw error }
    }
    let known = threads.keys.sorted() + sockets.keys.sorted()
    let suggestion = Parser.suggestion(for: name.text, among: known)
    throw Diagnostic(
      "unknown thread '\(name.text)'", at: name.location, length: name.text.count,
      notes: suggestion.isEmpty ? ["declare it first: 'thread \(name.text)'"] : suggestion)
  }

  private func use(_ name: Name) throws(Diagnostic) {
    if let template = name.template {
      if socketTemplates.contains(where: { $0.template.hasShape(of: template) }) { return }
      if sockets.keys.contains(where: template.canProduce) { return }
    } else {
      if sockets[name.text] != nil { return }
      if socketTemplates.contains(where: { $0.template.canProduce(name.text) }) { return }
    }
    if threads[name.text] != nil {
      throw Diagnostic(
        "'\(name.text)' is a thread, not a socket", at: name.location, length: name.text.count,
        notes: ["a thread makes calls on a socket that names it first: '\(name.text): server accept'"])
    }
    let suggestion = Parser.suggestion(for: name.text, among: sockets.keys.sorted())
    throw Diagnostic(
      "unknown socket '\(name.text)'", at: name.location, length: name.text.count,
      notes: suggestion.isEmpty ? ["declare it first, e.g. 'client \(name.text) connect'"] : suggestion)
  }
}
