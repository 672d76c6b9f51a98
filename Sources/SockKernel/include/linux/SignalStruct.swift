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
  /// Children not yet reaped, in fork order (`children`).
  var children: [TaskGroup] = []
  /// The threads, in creation order.
  var threads: [TaskID] = []
  /// How it ended; set, it is a zombie until its parent's `wait4` reaps it.
  var exitState: ProcessEnd?
  /// `signal->wait_chldexit`: its threads asleep in `wait4`.
  let waitChldexit: WaitQueue

  init(pid: Int32, files: FilesStruct, uid: UInt32, gid: UInt32, parent: TaskGroup?) {
    self.pid = pid
    self.files = files
    self.uid = uid
    self.gid = gid
    self.parent = parent
    self.waitChldexit = WaitQueue(name: WaitQueueName(inode: Int(pid), kind: .childExit))
  }
}
