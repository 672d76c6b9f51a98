import Collections
import SyscallVocabulary

/// A process: the thread group's `signal_struct` with what the model needs of its leader's
/// `task_struct` (pid, credentials, parent and children) and its `files_struct`.
final class TaskGroup {
  /// `tgid`, as the model numbers processes: the script's is 1, then 2, 3, … in fork order.
  let pid: Int32
  /// Never replaced (no `unshare(CLONE_FILES)` is modelled), so the kernel may keep the
  /// running task's (``Kernel/fileTable``).
  let files: FilesStruct
  /// `cred->uid`, `cred->gid` (real, effective and saved alike: only `setuid`/`setgid` by
  /// a process change them, and they set all three).
  var uid: UInt32
  var gid: UInt32
  /// `real_parent` (nil for process 1).
  weak var parent: TaskGroup?
  /// Children not yet reaped (`children`), by pid.
  var children: [Int32: TaskGroup] = [:]
  /// Where it is in its parent's `children` list: a fork appends a child, and so does a
  /// reparenting (`list_move_tail`), so a later number is further down the list.
  var sibling = 0
  /// The ended children not yet reaped, by their place in `children`: where `wait4(-1)`
  /// finds its child in O(log n), as the kernel's walk of the list finds the first ended
  /// one. A child reaped by `wait4(pid)` stays until popped.
  var endedChildren = Heap<ChildPosition>()
  /// The threads, in creation order.
  var threads: [TaskID] = []
  /// How it ended; set, it is a zombie until its parent's `wait4` reaps it.
  var exitState: ProcessEnd?
  /// `signal->wait_chldexit`: its threads asleep in `wait4`.
  let waitChldexit: WaitQueue
  /// `signal->rlim[RLIMIT_NOFILE]`: the process's descriptor limit; a fork copies it.
  var nofile: RLimit
  /// The signals whose `sighand` action is `SIG_IGN` (`ignore SIGPIPE`): a fork copies them
  /// (`copy_sighand`).
  var ignoredSignals: Set<Signal> = []
  /// The signals the script gave a handler (`handle SIGURG [restart]`), each with whether
  /// it has SA_RESTART: a fork copies them, an `execve` resets them (`flush_signal_handlers`).
  var caughtSignals: [Signal: Bool] = [:]
  /// `shared_pending`: a process-directed signal (`kill`) that no thread could take, because
  /// every thread blocks it; the first to unblock it takes it.
  var sharedPending = SigSet()
  /// `curr_target`: where `complete_signal` starts looking for a thread that takes a signal
  /// the leader blocks, as an index into `threads`.
  var currTarget = 0

  init(pid: Int32, files: FilesStruct, uid: UInt32, gid: UInt32, parent: TaskGroup?, nofile: RLimit) {
    self.pid = pid
    self.nofile = nofile
    self.files = files
    self.uid = uid
    self.gid = gid
    self.parent = parent
    self.waitChldexit = WaitQueue(name: WaitQueueName(inode: Int(pid), kind: .childExit))
  }
}

/// A child's place in its parent's `children` list, and its pid.
struct ChildPosition: Comparable {
  let sibling: Int
  let pid: Int32

  init(_ child: TaskGroup) {
    sibling = child.sibling
    pid = child.pid
  }

  static func < (a: ChildPosition, b: ChildPosition) -> Bool { a.sibling < b.sibling }
}
