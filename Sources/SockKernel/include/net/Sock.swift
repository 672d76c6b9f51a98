import Collections
import SyscallVocabulary

/// `struct sock` together with AF_UNIX's `struct unix_sock`: the fields the model needs.
///
/// Laid out for a million of them: the fields every socket sets or a call on it reads are
/// stored here, the small ones beside each other (the flags after the 32-bit backlog, the
/// booleans in the bytes the credentials' alignment leaves), the counters in 32 bits as the
/// kernel's `int`s are; the ones nearly every socket leaves at their defaults (timeouts,
/// low-water mark, peek offset, the out-of-band skb, the collector's vertex, ...) are in a
/// box made when one is first set (``RareFields``). 120 bytes, a 128-byte allocation, where
/// every field stored here made 232 and 240.
public final class Sock {
  /// `sock_i_ino`: a unique number naming this socket.
  public let inode: Int
  /// `sk_max_ack_backlog`: the listen backlog (before the first listen, `max_dgram_qlen`).
  public internal(set) var maxAckBacklog: UInt32
  /// `sk_type`.
  public let type: SocketType
  /// `sk_state`.
  public internal(set) var state: SockState = .TCP_CLOSE
  /// `sk_shutdown`.
  public internal(set) var shutdown: ShutdownBits = []
  /// `sk_err`: a pending asynchronous error.
  public internal(set) var pendingError: Errno?
  private var sndbufValue: Int32
  private var rcvbufValue: Int32
  /// `sk_sndbuf`.
  public internal(set) var sndbuf: Int {
    get { Int(sndbufValue) }
    set { sndbufValue = Int32(clamping: newValue) }
  }
  /// `sk_rcvbuf`.
  public internal(set) var rcvbuf: Int {
    get { Int(rcvbufValue) }
    set { rcvbufValue = Int32(clamping: newValue) }
  }
  /// `sk_receive_queue`: data for a connected or datagram socket; for a listener, one
  /// entry per pending connection, each carrying the embryo that `accept` will hand out.
  var receiveQueue = Deque<SkBuff>()
  private var inqLenValue: Int32 = 0
  private var wmemAllocValue: Int32 = 0
  /// `u->inq_len`: what SIOCINQ reports of a stream socket: the bytes queued, less those
  /// read; an out-of-band byte a reader skips stays counted (measured on 6.18.44).
  public internal(set) var inqLen: Int {
    get { Int(inqLenValue) }
    set { inqLenValue = Int32(truncatingIfNeeded: newValue) }
  }
  /// `sk_wmem_alloc` without its bias of 1: the truesize of every skb this socket sent
  /// that is not freed yet (bounded by `sk_sndbuf` and one skb, an `int` as the kernel's).
  public internal(set) var wmemAlloc: Int {
    get { Int(wmemAllocValue) }
    set { wmemAllocValue = Int32(truncatingIfNeeded: newValue) }
  }
  /// `sk_peer_pid` and `sk_peer_cred`: who the peer was when the connection was made (a
  /// listener's own, from `listen`); nil until then.
  var peerCred: PeerCred?
  /// `SOCK_DEAD`: released by `close`, though skbs it sent may still hold it.
  public internal(set) var isDead = false
  /// `SOCK_URGINLINE` (SO_OOBINLINE): the out-of-band byte is read in line.
  public internal(set) var urgInline = false
  /// `u->recvmsg_inq` (SO_INQ): a stream receive also reports the bytes left (SCM_INQ).
  public internal(set) var recvmsgInq = false
  /// `u->addr`: the bound address, shared (as the kernel counts references to it) with the
  /// sockets a listener's connections make.
  var addr: UnixAddress?
  /// The bound address (``addr``'s name).
  public internal(set) var address: SockAddrUn? {
    get { addr?.name }
    set { addr = newValue.map(UnixAddress.init) }
  }
  /// `u->listener`: for an embryo, the listener whose queue holds it, until `accept` takes
  /// it; the collector counts files sent to an embryo as the listener's.
  weak var listener: Sock?
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
  /// `sk_sleep(sk)` once something was queued on it (``sleepQueue``).
  private(set) var sleepQueueIfMade: WaitQueue?
  private var rare: RareFields?

  /// The fields nearly every socket leaves at their defaults, in a box made when one is
  /// first set: each of a million sockets kept some 110 bytes of them.
  private final class RareFields {
    var sndtimeo = MAX_SCHEDULE_TIMEOUT
    var rcvtimeo = MAX_SCHEDULE_TIMEOUT
    var rcvlowat: Int32 = 1
    var peekOff: Int32 = -1
    var scmRecvFlags = ScmRecvFlags()
    var oobSkb: SkBuff?
    var boundNode: VFS.Node?
    var scmFds = 0
    var vertex: UnixVertex?
    var peerWait: WaitQueue?
    var peerWake: WaitQueueEntry?
  }

  /// The box, made now if it is not yet: a setter asks for it only to store a value other
  /// than the default, so that a socket given its defaults again (a connection's copy of a
  /// listener's untouched switches) makes none.
  private var rareFields: RareFields { rare.made(by: RareFields.init) }

  /// `sk_sndtimeo`, in jiffies.
  public internal(set) var sndtimeo: Jiffies {
    get { rare?.sndtimeo ?? MAX_SCHEDULE_TIMEOUT }
    set { if newValue != MAX_SCHEDULE_TIMEOUT || rare != nil { rareFields.sndtimeo = newValue } }
  }
  /// `sk_rcvtimeo`, in jiffies.
  public internal(set) var rcvtimeo: Jiffies {
    get { rare?.rcvtimeo ?? MAX_SCHEDULE_TIMEOUT }
    set { if newValue != MAX_SCHEDULE_TIMEOUT || rare != nil { rareFields.rcvtimeo = newValue } }
  }
  /// `sk_rcvlowat` (SO_RCVLOWAT): how many bytes a blocking stream read waits for.
  public internal(set) var rcvlowat: Int32 {
    get { rare?.rcvlowat ?? 1 }
    set { if newValue != 1 || rare != nil { rareFields.rcvlowat = newValue } }
  }
  /// `sk_peek_off` (SO_PEEK_OFF): where the next MSG_PEEK starts; -1 for off.
  public internal(set) var peekOff: Int32 {
    get { rare?.peekOff ?? -1 }
    set { if newValue != -1 || rare != nil { rareFields.peekOff = newValue } }
  }
  /// `sk_scm_recv_flags`: what the socket asks to be given with each message it receives.
  var scmRecvFlags: ScmRecvFlags {
    get { rare?.scmRecvFlags ?? ScmRecvFlags() }
    set { if newValue != ScmRecvFlags() || rare != nil { rareFields.scmRecvFlags = newValue } }
  }
  /// `u->oob_skb`: the skb holding the out-of-band byte (`send … MSG_OOB`) until it is
  /// read, with MSG_OOB or inline, or skipped by a reader; it stays in `receiveQueue`.
  var oobSkb: SkBuff? {
    get { rare?.oobSkb }
    set { if newValue != nil || rare != nil { rareFields.oobSkb = newValue } }
  }
  /// `u->path`: the filesystem node this socket is bound to.
  var boundNode: VFS.Node? {
    get { rare?.boundNode }
    set { if newValue != nil || rare != nil { rareFields.boundNode = newValue } }
  }
  /// `scm_stat.nr_fds`: the files of the SCM_RIGHTS messages in the receive queue.
  public internal(set) var scmFds: Int {
    get { rare?.scmFds ?? 0 }
    set { if newValue != 0 || rare != nil { rareFields.scmFds = newValue } }
  }
  /// `u->vertex`: this socket as a vertex of the collector's graph, made when its file is
  /// first sent (`unix_prepare_fpl` allocates the vertices of a message's sockets that have
  /// none); nil for the sockets never sent, nearly all.
  var vertexIfMade: UnixVertex? { rare?.vertex }
  var vertex: UnixVertex {
    if let vertex = rare?.vertex { return vertex }
    let vertex = UnixVertex()
    rareFields.vertex = vertex
    return vertex
  }
  /// `vertex->out_degree`: the references to this socket's file in queued messages.
  var inflightRefs: Int { vertexIfMade?.outDegree ?? 0 }
  /// `vertex->edges`, read: the sockets whose queues hold this socket's file.
  var successors: [ObjectIdentifier: (sock: Sock, count: Int)] { vertexIfMade?.edges ?? [:] }
  /// `u->peer_wait`, made on first use (``peerWaitIfMade``).
  var peerWait: WaitQueue {
    if let queue = rare?.peerWait { return queue }
    let queue = WaitQueue(name: WaitQueueName(inode: inode, kind: .peerWait))
    rareFields.peerWait = queue
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
  var peerWaitIfMade: WaitQueue? { rare?.peerWait }
  /// `u->peer_wake`: the entry a connected datagram socket hooks onto its full peer's
  /// `peer_wait`, so that the peer's dequeue wakes our pollers (`unix_dgram_peer_wake_relay`).
  /// Made on first use: only a datagram sender that finds its peer full hooks it, and an
  /// entry (with the weak link back, which gives the socket a side table) for each of a
  /// million stream sockets cost 160 bytes apiece.
  var peerWake: WaitQueueEntry {
    if let entry = rare?.peerWake { return entry }
    // init_waitqueue_func_entry(&u->peer_wake, unix_dgram_peer_wake_relay)
    let entry = WaitQueueEntry(task: nil, exclusive: false, keyFilter: nil, function: .peerWakeRelay)
    entry.relayOwner = self
    rareFields.peerWake = entry
    return entry
  }
  var peerWakeIfMade: WaitQueueEntry? { rare?.peerWake }
  /// `u->peer_wake.private`: the socket on whose `peer_wait` `peerWake` is queued, kept in
  /// the entry as the kernel keeps it (a field of every socket cost 8 bytes apiece).
  var peerWakePrivate: Sock? {
    get { peerWakeIfMade?.relayPeer }
    set { if newValue != nil || peerWakeIfMade != nil { peerWake.relayPeer = newValue } }
  }

  init(inode: Int, type: SocketType, config: KernelConfig) {
    self.inode = inode
    self.type = type
    self.sndbufValue = Int32(clamping: config.wmemDefault)
    self.rcvbufValue = Int32(clamping: config.rmemDefault)
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
