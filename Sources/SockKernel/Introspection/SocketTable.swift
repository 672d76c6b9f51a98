import SyscallVocabulary

/// A read-only picture of one socket at one instant, for tools that show the kernel's state
/// (the REPL's `:state`, in the spirit of `ss -x`). Nothing in it refers back into the model,
/// so holding one never keeps the kernel from changing.
public struct SocketSnapshot: Sendable {
  /// `sock_i_ino`.
  public let inode: Int
  /// The descriptor that refers to it; nil for an embryo waiting in a listener's queue.
  public let fd: Int32?
  public let type: SocketType
  public let state: SockState
  public let shutdown: ShutdownBits
  /// `O_NONBLOCK` on its file (false for an embryo, which has no file yet).
  public let nonBlocking: Bool
  /// `u->addr`.
  public let address: SockAddrUn?
  /// `unix_peer(sk)`'s inode.
  public let peerInode: Int?
  /// For an embryo: the inode of the listener whose queue holds it.
  public let queuedOn: Int?
  /// For a listener: the embryos in `sk_receive_queue`, oldest first, each with the inode of
  /// the socket that connected (`unix_peer(embryo)`).
  public let queue: [(embryo: Int, connector: Int?)]
  /// `sk_max_ack_backlog`.
  public let maxAckBacklog: UInt32
  /// `unix_diag`'s `udiag_rqueue` and `udiag_wqueue`, which `ss -x` shows as Recv-Q and
  /// Send-Q (``Kernel/skDiagShowRqlen(_:)``).
  public let recvQ: Int
  public let sendQ: Int
  /// `sk_sndtimeo` and `sk_rcvtimeo` in jiffies (`MAX_SCHEDULE_TIMEOUT`: wait forever).
  public let sndtimeo: Jiffies
  public let rcvtimeo: Jiffies
  /// Its two wait queues, `peer_wait` first, each with its sleepers in wake-up order.
  public let waitQueues: [WaitQueueSnapshot]
  /// `scm_stat.nr_fds` (fdinfo's `scm_fds`): the files its queued messages carry.
  public let scmFds: Int
  /// Its file is in a message in flight (a vertex of the collector's graph).
  public let inFlight: Bool

  /// True when `listen` has been called and the socket still listens.
  public var isListener: Bool { state == .TCP_LISTEN }

  /// A picture made outside the model (the kernel backend's, from `unix_diag`).
  public init(
    inode: Int, fd: Int32?, type: SocketType, state: SockState, shutdown: ShutdownBits, nonBlocking: Bool,
    address: SockAddrUn?, peerInode: Int?, queuedOn: Int?, queue: [(embryo: Int, connector: Int?)],
    maxAckBacklog: UInt32, recvQ: Int, sendQ: Int, sndtimeo: Jiffies, rcvtimeo: Jiffies,
    waitQueues: [WaitQueueSnapshot], scmFds: Int, inFlight: Bool
  ) {
    self.inode = inode
    self.fd = fd
    self.type = type
    self.state = state
    self.shutdown = shutdown
    self.nonBlocking = nonBlocking
    self.address = address
    self.peerInode = peerInode
    self.queuedOn = queuedOn
    self.queue = queue
    self.maxAckBacklog = maxAckBacklog
    self.recvQ = recvQ
    self.sendQ = sendQ
    self.sndtimeo = sndtimeo
    self.rcvtimeo = rcvtimeo
    self.waitQueues = waitQueues
    self.scmFds = scmFds
    self.inFlight = inFlight
  }
}

/// The sleepers of one wait queue.
public struct WaitQueueSnapshot: Sendable {
  public let name: WaitQueueName
  public let waiters: [WaiterSnapshot]
}

/// A task asleep on a wait queue, and in which call.
public struct WaiterSnapshot: Sendable {
  public let task: TaskID
  /// The task's `comm`.
  public let taskName: String
  /// The system call it sleeps in, as strace names it.
  public let call: String
  /// `WQ_FLAG_EXCLUSIVE`.
  public let exclusive: Bool
  /// When its timeout expires; nil for none.
  public let expiresAt: Nanoseconds?
}

extension Kernel {
  /// Every socket that exists: those open in the descriptor table in descriptor order, each
  /// listener followed by the embryos queued on it (which have no descriptor yet), then the
  /// sockets only messages in flight still hold, in the order they were sent.
  public func socketTable() -> [SocketSnapshot] {
    var socks: [(Sock, fd: Int32?, nonBlocking: Bool, queuedOn: Int?)] = []
    for (fd, file) in processes[0].files.fdt.enumerated() {
      guard let file = file as? SocketFile else { continue }
      socks.append((file.sock, Int32(fd), file.nonBlocking, nil))
      for skb in file.sock.receiveQueue where file.sock.state == .TCP_LISTEN {
        guard let embryo = skb.embryo else { continue }
        socks.append((embryo, nil, false, file.sock.inode))
      }
    }
    // The sockets in flight, found from the queues of those listed (in table order).
    var shown = Set(socks.map { $0.0.inode })
    var index = 0
    while index < socks.count {
      for sk in socketsInFlight(to: socks[index].0) where shown.insert(sk.inode).inserted {
        socks.append((sk, nil, sk.file?.nonBlocking ?? false, nil))
      }
      index += 1
    }
    return socks.map { snapshot($0.0, fd: $0.fd, nonBlocking: $0.nonBlocking, queuedOn: $0.queuedOn) }
  }

  /// The sockets whose files wait in `sk`'s queue (or its embryos').
  private func socketsInFlight(to sk: Sock) -> [Sock] {
    let queues = [sk.receiveQueue] + sk.receiveQueue.compactMap { $0.embryo?.receiveQueue }
    return queues.flatMap { queue in queue.flatMap { $0.fp?.fp.compactMap { ($0 as? SocketFile)?.sock } ?? [] } }
  }

  private func snapshot(_ sock: Sock, fd: Int32?, nonBlocking: Bool, queuedOn: Int?) -> SocketSnapshot {
    let queue: [(embryo: Int, connector: Int?)] =
      sock.state == .TCP_LISTEN ? sock.receiveQueue.compactMap { $0.embryo.map { ($0.inode, $0.peer?.inode) } } : []
    let queues = skDiagShowRqlen(sock)
    return SocketSnapshot(
      inode: sock.inode, fd: fd, type: sock.type, state: sock.state, shutdown: sock.shutdown,
      nonBlocking: nonBlocking, address: sock.address, peerInode: sock.peer?.inode, queuedOn: queuedOn,
      queue: queue, maxAckBacklog: sock.maxAckBacklog, recvQ: queues.rqueue, sendQ: queues.wqueue,
      sndtimeo: sock.sndtimeo, rcvtimeo: sock.rcvtimeo,
      waitQueues: [
        waiters(of: sock.peerWaitIfMade, named: WaitQueueName(inode: sock.inode, kind: .peerWait)),
        waiters(of: sock.sleepQueueIfMade, named: WaitQueueName(inode: sock.inode, kind: .sleep)),
      ], scmFds: sock.scmFds,
      inFlight: sock.inflightRefs > 0)
  }

  /// The waiters of `queue`, named `name`; a queue not made yet has none.
  private func waiters(of queue: WaitQueue?, named name: WaitQueueName) -> WaitQueueSnapshot {
    guard let queue else { return WaitQueueSnapshot(name: name, waiters: []) }
    // A datagram socket's peer_wake relay wakes no task of its own: not a waiter.
    let waiters = queue.entries.compactMap { entry -> WaiterSnapshot? in
      guard let id = entry.task else { return nil }
      let task = tasks[id.rawValue]
      return WaiterSnapshot(
        task: id, taskName: task.comm, call: task.current?.syscall.name ?? "?",
        exclusive: entry.exclusive, expiresAt: task.sleeping?.expiresAt)
    }
    return WaitQueueSnapshot(name: queue.name, waiters: waiters)
  }
}

extension Kernel {
  /// True while a task can run or a timer is pending: `run(until:)` would not stall now.
  public var canMakeProgress: Bool { !runQueue.isEmpty || timers.pendingCount > 0 }
}

extension Kernel {
  /// Tasks spawned so far (each socket of a script has one; a loop that declares a name
  /// again reuses its task).
  public var taskCount: Int { tasks.count }
}
