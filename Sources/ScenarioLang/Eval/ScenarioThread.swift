import SyscallVocabulary

/// A thread of a process: a kernel task that makes one call at a time. The trace's second
/// column is its name.
final class ScenarioThread {
  let name: String
  let task: TaskID
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
  private var rareFields: RareFields {
    if let rare { return rare }
    let made = RareFields()
    rare = made
    return made
  }

  init(name: String, task: TaskID, process: ScenarioProcess) {
    self.name = name
    self.task = task
    self.process = process
  }
}
