import Collections
import SyscallVocabulary

/// A process: the thread group's `signal_struct` with what the model needs of its leader's
/// `task_struct` (pid, credentials, parent and children) and its `files_struct`.
final class TaskGroup {
  /// `tgid`, as the model numbers processes: the script's is 1, then 2, 3, … in fork order.
  let pid: Int32
  var files: FilesStruct
  /// `cred->uid`, `cred->gid` (real, effective and saved alike: only `setuid`/`setgid` by
  /// a process change them, and they set all three).
  var uid: UInt32
  var gid: UInt32
  /// `real_parent` (nil for process 1).
  weak var parent: TaskGroup?
  /// Children not yet reaped (`children`), by pid.
  var children: [Int32: TaskGroup] = [:]
  /// The pids of ended children not yet reaped, lowest (earliest forked) first: where
  /// `wait4(-1)` finds its child in O(log n), as the kernel's walk of `children` finds the
  /// first ended one in fork order. A pid reaped by `wait4(pid)` stays until popped.
  var endedChildren = Heap<Int32>()
  /// The threads, in creation order.
  var threads: [TaskID] = []
  /// How it ended; set, it is a zombie until its parent's `wait4` reaps it.
  var exitState: ProcessEnd?
  /// `signal->wait_chldexit`: its threads asleep in `wait4`.
  let waitChldexit: WaitQueue
  /// The signals whose `sighand` action is `SIG_IGN` (`ignore SIGPIPE`): a fork copies them
  /// (`copy_sighand`).
  var ignoredSignals: Set<Signal> = []

  init(pid: Int32, files: FilesStruct, uid: UInt32, gid: UInt32, parent: TaskGroup?) {
    self.pid = pid
    self.files = files
    self.uid = uid
    self.gid = gid
    self.parent = parent
    self.waitChldexit = WaitQueue(name: WaitQueueName(inode: Int(pid), kind: .childExit))
  }
}
