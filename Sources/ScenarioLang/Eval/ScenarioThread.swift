import SyscallVocabulary

/// A thread of a process: a kernel task that makes one call at a time. The trace's second
/// column is its name.
final class ScenarioThread {
  let name: String
  let task: TaskID
  /// Unowned: a process owns its threads.
  unowned let process: ScenarioProcess
  /// Where `thread NAME` declared it; nil for a socket's own thread and `main`, which only
  /// their socket's declaration (or nothing) may declare again.
  var site: DeclarationSite?
  /// The thread of its process whose `execve` ended it (`de_thread`), if one did.
  var supersededBy: String?
  /// It has made a call: a real thread, whose end at an `execve` strace shows (a socket's
  /// own thread that never made one is no thread of the program).
  var hasCalled = false

  init(name: String, task: TaskID, process: ScenarioProcess) {
    self.name = name
    self.task = task
    self.process = process
  }
}
