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

  /// Counts one wake-up against ``Limits/maxWakeups``; false, after the error at the
  /// statement running then, when it is one too many: the run stops there.
  func countWakeup() -> Bool {
    guard wakeups < limits.maxWakeups else {
      if !stopped {
        fail(limits.wakeupsExceeded(at: running?.location, length: running?.length ?? 1), .scriptError)
        backend.halt()
      }
      return false
    }
    wakeups += 1
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
}
