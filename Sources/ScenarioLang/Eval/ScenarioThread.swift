import SyscallVocabulary

/// A thread of a process: a kernel task that makes one call at a time. The trace's second
/// column is its name.
final class ScenarioThread {
  let name: String
  let task: TaskID
  /// Unowned: a process owns its threads.
  unowned let process: ScenarioProcess

  init(name: String, task: TaskID, process: ScenarioProcess) {
    self.name = name
    self.task = task
    self.process = process
  }
}
