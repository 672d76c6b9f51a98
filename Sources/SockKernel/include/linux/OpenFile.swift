import SyscallVocabulary

/// `struct file`: an open file description, what a descriptor refers to. A socket's is a
/// ``SocketFile``; `open` makes an ``InodeFile`` of any other inode, which is what socket
/// calls refuse with ENOTSOCK.
class OpenFile {
  /// `f_flags`. They belong to the open file, so every descriptor of it (a `dup`) shares them.
  var flags: Int32
  /// `O_NONBLOCK` in `f_flags`.
  var nonBlocking: Bool {
    get { flags & O_NONBLOCK != 0 }
    set { flags = newValue ? flags | O_NONBLOCK : flags & ~O_NONBLOCK }
  }
  private var countValue: Int32 = 1
  /// `f_count`: one per descriptor, plus one for each wait queue a `poll` in progress
  /// registered on (`__pollwait` holds the file until `poll_freewait`). A socket is released
  /// when the last one goes. Stored in 32 bits beside the flags: a million descriptors and
  /// polls cannot pass it.
  var count: Int {
    get { Int(countValue) }
    set { countValue = Int32(truncatingIfNeeded: newValue) }
  }
  /// The owner and the epoll items, which few files have, in a box made for the first: a
  /// file is 24 bytes and a socket's 40 (a 48-byte allocation, one per socket of a million)
  /// where the two stored here made 56 and 64.
  private final class RareFields {
    var owner: FileOwner?
    var epitems: [ObjectIdentifier: EpItem] = [:]
  }
  private var rare: RareFields?
  private var rareFields: RareFields { rare.made(by: RareFields.init) }
  /// `f_owner`: who gets SIGURG for a socket's out-of-band data (F_SETOWN, F_SETOWN_EX).
  var owner: FileOwner? {
    get { rare?.owner }
    set { if newValue != nil || rare != nil { rareFields.owner = newValue } }
  }
  /// `f_ep`: the epoll items watching this file (an epoll file's are `ep->refs`); its
  /// release removes them (`eventpoll_release_file`).
  var epitems: [ObjectIdentifier: EpItem] { rare?.epitems ?? [:] }
  /// `attach_epitem`'s `hlist_add_head_rcu(&epi->fllink, head)`: `epi` watches this file.
  func attachEpitem(_ epi: EpItem) { rareFields.epitems[ObjectIdentifier(epi)] = epi }
  /// `ep_remove`'s unlink of `epi->fllink`.
  func detachEpitem(_ epi: EpItem) { rare?.epitems[ObjectIdentifier(epi)] = nil }
  /// Every item's link gone at once (the model's teardown).
  func detachAllEpitems() { rare?.epitems.removeAll() }

  init(flags: Int32) { self.flags = flags }
}

/// `struct fown_struct`'s pid and type: a process (PIDTYPE_TGID) or one thread (PIDTYPE_PID).
enum FileOwner {
  case process(Int32)
  case thread(TaskID)
}

/// A pidfd's file (`pidfs`): O_RDWR, referring to a process by its model pid.
final class PidFile: OpenFile {
  let pid: Int32

  init(pid: Int32) {
    self.pid = pid
    super.init(flags: O_RDWR)
  }
}

/// The file of an ordinary file or a directory, opened O_RDONLY. The model keeps no file
/// contents: every ordinary file is empty.
final class InodeFile: OpenFile {
  let node: VFS.Node

  init(node: VFS.Node, flags: Int32) {
    self.node = node
    super.init(flags: flags)
  }
}
