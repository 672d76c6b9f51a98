import SyscallVocabulary

/// Threads by name: `thread NAME` declares one, and `NAME:` in front of a statement makes
/// it the caller of the statement's calls.
extension ScenarioSession {
  /// `thread NAME [in PROCESS]`: a task of process 1 (or of a forked process) with no
  /// socket of its own. Run again (in a
  /// `repeat`), the statement finds its thread already there, as a socket's declaration
  /// reuses its thread.
  func declareThread(_ name: Name, in processName: Name? = nil) {
    var process = initialProcess
    if let processName {
      guard let named = namedProcess(processName) else { return }
      guard named.ended == nil else {
        fail(
          Diagnostic(
            "process '\(named.name)' has ended", at: processName.location, length: processName.text.count,
            notes: ["a thread can only be started in a process that is still running"]), .scriptError)
        return
      }
      process = named
    }
    let text = resolved(name)
    let site = names.site(name.location)
    if let earlier = thread(named: text) {
      guard earlier.site == site else {
        fail(
          Diagnostic(
            "thread '\(text)' is already declared", at: name.location, length: name.text.count,
            notes: [earlier.site?.pickAnotherName(in: names.file) ?? Diagnostic.Note("pick another name")]),
          .scriptError)
        return
      }
      return
    }
    guard threadsDeclared < limits.maxThreads else {
      fail(limits.threadsExceeded(at: name.location, length: name.text.count), .scriptError)
      return
    }
    threadsDeclared += 1
    let thread = spawnThread(named: text, in: process)
    thread.site = site
    declaredThreads[text] = thread
  }

  /// False, after an error at the statement, when `thread`'s process has ended: its
  /// threads make no more calls.
  func isRunning(_ thread: ScenarioThread, at location: SourceLocation, length: Int) -> Bool {
    if let caller = thread.supersededBy {
      fail(
        Diagnostic(
          "thread \(thread.name) ended when \(caller) of process '\(thread.process.name)' called execve",
          at: location, length: length,
          notes: ["execve ends every thread of the process but the caller (de_thread); name \(caller) instead"]),
        .scriptError)
      return false
    }
    guard thread.process.ended != nil else { return true }
    fail(
      Diagnostic(
        "\(thread.name) cannot make a call: process '\(thread.process.name)' has ended", at: location,
        length: length, notes: ["its exit (or the signal that killed it) ended every thread of it"]),
      .scriptError)
    return false
  }

  /// The thread `name` stands for now: a declared one, a socket's own, or `main`; nil, after
  /// an error, when there is none yet.
  func namedThread(_ name: Name) -> ScenarioThread? {
    if let thread = declaredThreads[resolved(name)] { return thread }
    return existingSocket(name)?.thread
  }

  /// The thread named `name`: a declared one, or a socket's own (a name is one or the other:
  /// ``newSocket(_:at:in:)`` refuses a declared thread's name, ``declareThread(_:in:)`` a
  /// socket's).
  func thread(named name: String) -> ScenarioThread? { declaredThreads[name] ?? sockets[name]?.thread }
}
