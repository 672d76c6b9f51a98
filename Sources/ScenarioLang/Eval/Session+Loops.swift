import SockKernel
import SyscallVocabulary

extension ScenarioSession {
  /// Runs statements in order, each against the statement limit.
  func runStatements(_ statements: [Statement]) {
    for statement in statements {
      // A loop of statements that never wait must notice a Ctrl-C too.
      if stopped || stopsForInterrupt() { break }
      // `# model-only:` / `# kernel-only:` lines run on their side only.
      if let side = statement.onlyOn, side != backend.kind { continue }
      guard countStatement(at: statement.location) else { break }
      running = (statement.location, 1)
      run(statement)
    }
  }

  /// Counts one statement (or loop iteration) against ``Limits/maxStatements``; false, after
  /// the error, when it is one too many.
  func countStatement(at location: SourceLocation) -> Bool {
    guard statementsRun < limits.maxStatements else {
      fail(limits.statementsExceeded(at: location), .scriptError)
      return false
    }
    statementsRun += 1
    return true
  }

  /// `repeat N [as VAR] { … }`. Every iteration counts as a statement, so a loop whose
  /// body runs nothing on this backend still ends at the limit.
  func run(_ loop: Loop) {
    defer { if let variable = loop.variable { bindings[variable.text] = nil } }
    for i in 0..<loop.count {
      if stopped { return }
      if i > 0 {
        guard countStatement(at: loop.body[0].location) else { return }
      }
      if let variable = loop.variable { bindings[variable.text] = i }
      runStatements(loop.body)
    }
  }

  /// The socket name a written name stands for now: `c$i` with `i` = 3 is `c3`.
  func resolved(_ name: Name) -> String { name.template?.resolve(bindings) ?? name.text }

  /// The actor `name` stands for now; nil, after an error, when there is none yet.
  func existingActor(_ name: Name, notes: [String] = []) -> Actor? {
    let text = resolved(name)
    if let actor = actors[text] { return actor }
    var notes = notes.map { Diagnostic.Note($0) }
    if let maker = names.templates.first(where: { $0.template.canProduce(text) }) {
      notes = [
        maker.site.note(in: names.file) {
          $0.map { "no iteration of the 'repeat' that declares '\(maker.name.text)' (at \($0)) made '\(text)'" }
            ?? "no iteration of this 'repeat', which declares '\(maker.name.text)', made '\(text)'"
        }
      ]
    }
    fail(
      Diagnostic(
        "socket '\(text)' does not exist yet", at: name.location, length: name.text.count, notes: notes),
      .scriptError)
    return nil
  }

  /// A new socket's actor named `name`, declared at `written`. A declaration that runs
  /// again (in its `repeat`) reuses its thread, as a program's loop would, so a million
  /// iterations cost one task; a name declared elsewhere is an error.
  func newActor(_ name: String, at written: Name) -> Actor? {
    let site = names.site(written.location)
    if let earlier = actors[name] {
      guard earlier.site == site else {
        fail(
          Diagnostic(
            "socket '\(name)' is already declared", at: written.location, length: written.text.count,
            notes: [earlier.site?.pickAnotherName(in: names.file) ?? Diagnostic.Note("pick another name")]),
          .scriptError)
        return nil
      }
      let actor = Actor(name: name, task: earlier.task, site: site)
      actors[name] = actor
      return actor
    }
    let actor = Actor(name: name, task: backend.spawn(name: name), site: site)
    actors[name] = actor
    return actor
  }
}
