import Collections
import SyscallVocabulary

/// `struct sock` together with AF_UNIX's `struct unix_sock`: the fields the model needs.
///
/// In an order of their own, the small fields beside each other (the flags after the
/// 32-bit options, the credentials after the address) so that alignment leaves few empty
/// bytes: 232 bytes, a 240-byte allocation, where the order they were written in made 248
/// and 256 (one of each of a million sockets).
public final class Sock {
  /// `sock_i_ino`: a unique number naming this socket.
  public let inode: Int
  /// `sk_type`.
  public let type: SocketType
  /// `sk_state`.
  public internal(set) var state: SockState = .TCP_CLOSE
  /// `sk_shutdown`.
  public internal(set) var shutdown: ShutdownBits = []
  /// `sk_err`: a pending asynchronous error.
  public internal(set) var pendingError: Errno?
  /// `sk_sndtimeo`, in jiffies.
  public internal(set) var sndtimeo: Jiffies = MAX_SCHEDULE_TIMEOUT
  /// `sk_rcvtimeo`, in jiffies.
  public internal(set) var rcvtimeo: Jiffies = MAX_SCHEDULE_TIMEOUT
  /// `sk_sndbuf`.
  public internal(set) var sndbuf: Int
  /// `sk_rcvbuf`.
  public internal(set) var rcvbuf: Int
  /// `sk_max_ack_backlog`: the listen backlog (before the first listen, `max_dgram_qlen`).
  public internal(set) var maxAckBacklog: UInt32
  /// `sk_scm_recv_flags`: what the socket asks to be given with each message it receives.
  var scmRecvFlags = ScmRecvFlags()
  /// `sk_receive_queue`: data for a connected or datagram socket; for a listener, one
  /// entry per pending connection, each carrying the embryo that `accept` will hand out.
  var receiveQueue = Deque<SkBuff>()
  /// `u->oob_skb`: the skb holding the out-of-band byte (`send … MSG_OOB`) until it is
  /// read, with MSG_OOB or inline, or skipped by a reader; it stays in `receiveQueue`.
  var oobSkb: SkBuff?
  /// `u->inq_len`: what SIOCINQ reports of a stream socket: the bytes queued, less those
  /// read; an out-of-band byte a reader skips stays counted (measured on 6.18.44).
  public internal(set) var inqLen = 0
  /// `sk_rcvlowat` (SO_RCVLOWAT): how many bytes a blocking stream read waits for.
  public internal(set) var rcvlowat: Int32 = 1
  /// `sk_peek_off` (SO_PEEK_OFF): where the next MSG_PEEK starts; -1 for off.
  public internal(set) var peekOff: Int32 = -1
  /// `u->recvmsg_inq` (SO_INQ): a stream receive also reports the bytes left (SCM_INQ).
  public internal(set) var recvmsgInq = false
  /// `SOCK_URGINLINE` (SO_OOBINLINE): the out-of-band byte is read in line.
  public internal(set) var urgInline = false
  /// `SOCK_DEAD`: released by `close`, though skbs it sent may still hold it.
  public internal(set) var isDead = false
  /// `sk_wmem_alloc` without its bias of 1: the truesize of every skb this socket sent
  /// that is not freed yet.
  public internal(set) var wmemAlloc = 0
  /// `u->addr`: the bound address.
  public internal(set) var address: SockAddrUn?
  /// `sk_peer_pid` and `sk_peer_cred`: who the peer was when the connection was made (a
  /// listener's own, from `listen`); nil until then.
  var peerCred: PeerCred?
  /// `u->path`: the filesystem node this socket is bound to.
  var boundNode: VFS.Node?
  /// `u->listener`: for an embryo, the listener whose queue holds it, until `accept` takes
  /// it; the collector counts files sent to an embryo as the listener's.
  weak var listener: Sock?
  /// `scm_stat.nr_fds`: the files of the SCM_RIGHTS messages in the receive queue.
  public internal(set) var scmFds = 0
  /// `u->vertex`: this socket as a vertex of the collector's graph, made when its file is
  /// first sent (`unix_prepare_fpl` allocates the vertices of a message's sockets that have
  /// none); nil for the sockets never sent, nearly all, which a count and a dictionary in
  /// every socket cost 16 bytes apiece.
  private(set) var vertexIfMade: UnixVertex?
  var vertex: UnixVertex {
    if let vertex = vertexIfMade { return vertex }
    let vertex = UnixVertex()
    vertexIfMade = vertex
    return vertex
  }
  /// `vertex->out_degree`: the references to this socket's file in queued messages.
  var inflightRefs: Int { vertexIfMade?.outDegree ?? 0 }
  /// `vertex->edges`, read: the sockets whose queues hold this socket's file.
  var successors: [ObjectIdentifier: (sock: Sock, count: Int)] { vertexIfMade?.edges ?? [:] }
  /// `sk->sk_socket->file`: the open file every descriptor of the socket refers to; nil for
  /// an embryo until `accept` grafts it (`sock_graft`), which is why a message to one always
  /// carries credentials, and again once the socket is released (`sock_orphan`).
  /// Not a weak reference: the file clears it as it goes (``SocketFile``'s deinit). A
  /// weakly referenced object gets a side table (32 bytes apiece, `massif`) that takes every
  /// retain and release of it, which the file of every call's descriptor paid for
  /// (callgrind: 3 % of a cycle).
  unowned(unsafe) var file: SocketFile?
  /// `unix_peer(sk)`.
  public internal(set) var peer: Sock?
  /// `u->peer_wait`, made on first use (``peerWaitIfMade``).
  var peerWait: WaitQueue {
    if let queue = peerWaitIfMade { return queue }
    let queue = WaitQueue(name: WaitQueueName(inode: inode, kind: .peerWait))
    peerWaitIfMade = queue
    return queue
  }
  /// `sk_sleep(sk)`: the socket's own wait queue, made on first use (``sleepQueueIfMade``).
  var sleepQueue: WaitQueue {
    if let queue = sleepQueueIfMade { return queue }
    let queue = WaitQueue(name: WaitQueueName(inode: inode, kind: .sleep))
    sleepQueueIfMade = queue
    return queue
  }
  /// The wait queues once something was queued on them (a sleeper, a poller, a relay), else
  /// nil: only then is there anyone to wake, so a wake-up takes nil for an empty queue (as
  /// `skwq_has_sleeper` lets the kernel skip one), and a million sockets nobody waits on
  /// cost no queue objects (56 bytes apiece, measured with `malloc_usable_size`).
  private(set) var peerWaitIfMade: WaitQueue?
  private(set) var sleepQueueIfMade: WaitQueue?
  /// `u->peer_wake`: the entry a connected datagram socket hooks onto its full peer's
  /// `peer_wait`, so that the peer's dequeue wakes our pollers (`unix_dgram_peer_wake_relay`).
  /// Made on first use: only a datagram sender that finds its peer full hooks it, and an
  /// entry (with the weak link back, which gives the socket a side table) for each of a
  /// million stream sockets cost 160 bytes apiece.
  var peerWake: WaitQueueEntry {
    if let entry = peerWakeIfMade { return entry }
    // init_waitqueue_func_entry(&u->peer_wake, unix_dgram_peer_wake_relay)
    let entry = WaitQueueEntry(task: nil, exclusive: false, keyFilter: nil, function: .peerWakeRelay)
    entry.relayOwner = self
    peerWakeIfMade = entry
    return entry
  }
  private(set) var peerWakeIfMade: WaitQueueEntry?
  /// `u->peer_wake.private`: the socket on whose `peer_wait` `peerWake` is queued, kept in
  /// the entry as the kernel keeps it (a field of every socket cost 8 bytes apiece).
  var peerWakePrivate: Sock? {
    get { peerWakeIfMade?.relayPeer }
    set { if newValue != nil || peerWakeIfMade != nil { peerWake.relayPeer = newValue } }
  }

  init(inode: Int, type: SocketType, config: KernelConfig) {
    self.inode = inode
    self.type = type
    self.sndbuf = config.wmemDefault
    self.rcvbuf = config.rmemDefault
    // An int sysctl stored in a u32: a negative value means no limit at all.
    self.maxAckBacklog = UInt32(bitPattern: config.maxDgramQlen)
  }

  /// `skb_queue_len(&sk->sk_receive_queue)`.
  public var receiveQueueLength: Int { receiveQueue.count }

}

/// `struct file` of a socket: what a file descriptor points at. A socket's file is O_RDWR,
/// with O_NONBLOCK from SOCK_NONBLOCK or F_SETFL.
final class SocketFile: OpenFile {
  let sock: Sock

  init(sock: Sock, nonBlocking: Bool = false) {
    self.sock = sock
    super.init(flags: O_RDWR)
    sock.file = self
    self.nonBlocking = nonBlocking
  }

  /// The last reference to the file is gone (`__fput`): the socket no longer has one.
  deinit { if sock.file === self { sock.file = nil } }
}
