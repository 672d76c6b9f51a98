import SyscallVocabulary

/// A process of the scenario: its threads and the descriptors it holds (its credentials are
/// the kernel's, which `setuid` and `setgid` change).
///
/// Every script starts in process 1; a `fork` makes more, each with a copy of its parent's
/// descriptor table, that is, the same open files.
final class ScenarioProcess {
  let pid: Int32
  /// `fork NAME`'s name, which its first thread has too ("" for process 1).
  let name: String
  /// How it ended, once it has (`exit`, a killing signal).
  var ended: ProcessEnd?
  /// Its threads, in the order they were started: who can make a call on one of its
  /// descriptors. A list, not a dictionary by name: the session's ``ScenarioSession/threads``
  /// finds a thread by its name (unique across processes), and a second dictionary cost
  /// some 48 bytes a thread at a million (`massif`), the list 8 to 16.
  var threads: [ScenarioThread] = []
  /// The descriptors the script can name, each to the open file it refers to (the
  /// `fdtable`). The kernel keeps the real table; this one maps a descriptor back to the
  /// socket a trace names it by, and an anonymous `accept` is not in it.
  var descriptors = DescriptorTable()
  /// `ignore SIGPIPE` ran in it or in the parent before the fork: a SIGPIPE a call raises
  /// kills nobody.
  var ignoresSIGPIPE = false

  /// Spawns a task for a thread of this process (``ScenarioThread/task``): the session's,
  /// which names it for the backend.
  var spawner: ((ScenarioThread) -> TaskID)?

  init(pid: Int32, name: String = "") {
    self.pid = pid
    self.name = name
  }

  /// A new thread of this process, running `task`.
  func addThread(named name: String, task: TaskID) -> ScenarioThread {
    let thread = ScenarioThread(name: name, task: task, process: self)
    threads.append(thread)
    return thread
  }

  /// A new thread of this process whose task is spawned when first needed.
  func addThread(named name: String) -> ScenarioThread {
    let thread = ScenarioThread(name: name, process: self)
    threads.append(thread)
    return thread
  }

  /// `thread`'s task, spawned now.
  func spawnTask(for thread: ScenarioThread) -> TaskID {
    guard let spawner else { preconditionFailure("process \(pid) has no spawner for thread \(thread.name)") }
    return spawner(thread)
  }

  /// Its thread named `name`, if it still has one (a linear search, for inspection).
  func thread(named name: String) -> ScenarioThread? { threads.first { $0.name == name } }
}

/// What a descriptor of the session's table refers to: the socket it names. A value, not an
/// object: what descriptors share through a `dup` or a `fork` (the open file and its flags,
/// O_NONBLOCK) is the kernel's `struct file`, kept by the backend, so an object here cost
/// every socket an allocation (32 bytes) and nothing else.
struct OpenFile {
  let socket: ScenarioSocket
}
