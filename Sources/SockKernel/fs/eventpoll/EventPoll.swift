import SyscallVocabulary

/// `struct eventpoll`: an epoll instance, the private data of its file.
final class EventPoll {
  /// The anonymous inode's number, which names its wait queues in the trace.
  let inode: Int
  /// `ep->wq`: the tasks asleep in `epoll_wait` on it, exclusive, each woken by one event.
  let wq: WaitQueue
  /// `ep->poll_wait`: who polls the epoll file itself (`poll`, or an epoll it is an item of).
  let pollWait: WaitQueue
  /// `ep->rbr`: the items, by file and descriptor (`ep_find`'s key).
  var items: [EpollKey: EpItem] = [:]
  /// `ep->rdllist`: the items with events to report, in the order they became ready.
  var ready = ReadyList()
  /// `ep->file`.
  weak var file: EpollFile?

  init(inode: Int) {
    self.inode = inode
    self.wq = WaitQueue(name: WaitQueueName(inode: inode, kind: .sleep))
    self.pollWait = WaitQueue(name: WaitQueueName(inode: inode, kind: .pollWait))
  }
}

/// `struct epoll_filefd`: an item's key, the file and the descriptor it was added by; a
/// `dup` of the descriptor is another key for the same file.
struct EpollKey: Hashable {
  let file: ObjectIdentifier
  let fd: Int32
}

/// `struct epitem`: one file watched by one epoll instance.
final class EpItem {
  unowned let ep: EventPoll
  /// `epi->ffd`: the file (no reference: the file's release removes the item) and the
  /// descriptor.
  let file: OpenFile
  let fd: Int32
  /// `epi->event`: the events asked for with the epoll flags, and the caller's data.
  var event: EpollEvent
  /// `epi->pwqlist`: the entries hooked on the file's wait queues (`ep_ptable_queue_proc`).
  var waits: [WaitQueueEntry] = []
  /// `epi->rdllink`: the neighbours in the ready list, and whether it is on it.
  fileprivate(set) weak var readyPrevious: EpItem?
  fileprivate(set) var readyNext: EpItem?
  fileprivate(set) var isReady = false

  init(ep: EventPoll, file: OpenFile, fd: Int32, event: EpollEvent) {
    self.ep = ep
    self.file = file
    self.fd = fd
    self.event = event
  }

  var key: EpollKey { EpollKey(file: ObjectIdentifier(file), fd: fd) }
}

/// `ep->rdllist`: an intrusive list, so that adding at the tail and unlinking any item are
/// O(1), as with the kernel's `list_head`.
struct ReadyList {
  private(set) var first: EpItem?
  private(set) var last: EpItem?

  var isEmpty: Bool { first == nil }

  /// `list_add_tail`.
  mutating func append(_ item: EpItem) {
    precondition(!item.isReady, "item already on the ready list")
    item.isReady = true
    item.readyPrevious = last
    last?.readyNext = item
    last = item
    if first == nil { first = item }
  }

  /// `list_del_init`.
  mutating func remove(_ item: EpItem) {
    guard item.isReady else { return }
    if let p = item.readyPrevious { p.readyNext = item.readyNext } else { first = item.readyNext }
    if let n = item.readyNext { n.readyPrevious = item.readyPrevious } else { last = item.readyPrevious }
    item.readyPrevious = nil
    item.readyNext = nil
    item.isReady = false
  }

  /// `ep_start_scan`'s `list_splice_init`: every item, in order, the list left empty.
  mutating func takeAll() -> [EpItem] {
    var items: [EpItem] = []
    while let item = first {
      remove(item)
      items.append(item)
    }
    return items
  }

  /// `ep_done_scan`'s `list_splice`: `items` back at the head, in order.
  mutating func prepend(_ items: [EpItem]) {
    for item in items.reversed() where !item.isReady {
      item.isReady = true
      item.readyNext = first
      first?.readyPrevious = item
      first = item
      if last == nil { last = item }
    }
  }
}

/// The file of an epoll instance (`anon_inode_getfile("[eventpoll]")`), O_RDWR.
final class EpollFile: OpenFile {
  let ep: EventPoll

  init(ep: EventPoll) {
    self.ep = ep
    super.init(flags: O_RDWR)
    ep.file = self
  }
}

/// `struct ep_pqueue`: the poll table `ep_insert` polls the new item's file with, whose
/// queue procedure hooks the item on the file's wait queues.
final class EpollQueue: PollTable {
  let epi: EpItem

  init(epi: EpItem) {
    self.epi = epi
    super.init(key: epi.event.events)
  }
}
