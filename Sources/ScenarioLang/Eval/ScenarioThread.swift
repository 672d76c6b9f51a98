import SyscallVocabulary

/// A thread of a process: a kernel task that makes one call at a time. The trace's second
/// column is its name.
///
/// Its task is spawned when a statement first needs it (``task``), not when it is
/// declared: a socket's own thread that never makes a call (the second socket of every
/// `socketpair`, an accepted socket only ever closed by another thread) costs no task, as
/// on the kernel backend, where a thread is started by its first call.
final class ScenarioThread {
  let name: String
  /// The raw id of its task once spawned; -1 before.
  private var startedTask: Int
  /// Unowned, and unchecked: a process owns its threads, and the session keeps every
  /// process (``ScenarioSession/processesByPid``) as long as itself; the checked reference
  /// cost a strong retain and release at every read, several a call.
  unowned(unsafe) let process: ScenarioProcess
  /// Where `thread NAME` declared it; nil for a socket's own thread and `main`, which only
  /// their socket's declaration (or nothing) may declare again.
  var site: DeclarationSite? {
    get { rare?.site }
    set { if newValue != nil || rare != nil { rareFields.site = newValue } }
  }
  /// The thread of its process whose `execve` ended it (`de_thread`), if one did.
  var supersededBy: String? {
    get { rare?.supersededBy }
    set { if newValue != nil || rare != nil { rareFields.supersededBy = newValue } }
  }
  /// The fields few threads set, made when one is first set: a socket's own thread (most
  /// threads, one per socket) has neither, and their 56 bytes in every thread made it a
  /// 105-byte object (`massif`) where the rest take 49.
  private final class RareFields {
    var site: DeclarationSite?
    var supersededBy: String?
  }
  private var rare: RareFields?
  private var rareFields: RareFields { rare.made(by: RareFields.init) }

  /// A thread whose task is spawned when first needed (``task``).
  init(name: String, process: ScenarioProcess) {
    self.name = name
    self.startedTask = -1
    self.process = process
  }

  /// A thread running `task` already: a process's first thread.
  init(name: String, task: TaskID, process: ScenarioProcess) {
    self.name = name
    self.startedTask = task.rawValue
    self.process = process
  }

  /// Its task, spawned now in its process if it has none yet: asked for by every
  /// statement that calls on it, signals it, waits for it or makes it a file's owner.
  var task: TaskID {
    // Read on every call (several times): the check inlined, the spawn out of line.
    @inline(__always) get { startedTask >= 0 ? TaskID(rawValue: startedTask) : start() }
  }

  @inline(never)
  private func start() -> TaskID {
    let task = process.spawnTask(for: self)
    startedTask = task.rawValue
    return task
  }

  /// Its task if it has one: what a look at the threads (which ended, which called) asks,
  /// and must not spawn.
  var taskIfStarted: TaskID? { startedTask >= 0 ? TaskID(rawValue: startedTask) : nil }
}
