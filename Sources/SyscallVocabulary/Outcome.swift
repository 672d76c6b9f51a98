/// Why the kernel decided what it did: the function and the check, e.g.
/// `unix_recvq_full: qlen 1 > sk_max_ack_backlog 0`.
public struct Reason: Sendable, Equatable, CustomStringConvertible {
  /// The kernel function that made the decision.
  public let function: String
  /// The check, with the values it saw.
  public let detail: String

  public init(_ function: String, _ detail: String) {
    self.function = function
    self.detail = detail
  }

  public var description: String { "\(function): \(detail)" }
}

/// What a system call returned.
///
/// A call returns its value and, for a few calls, one more thing (the data of a `recv`, the
/// inode of a `socket`, a poll's revents …). The value, the error and the data are stored
/// inline; the rest share one copy-on-write box, allocated only by the calls that set one of
/// them, so that an outcome a call passes along (into its step, its event, the session) is
/// a few words to copy rather than a few hundred bytes.
public struct SyscallOutcome: Sendable, Equatable {
  /// The return value; -1 when `errno` is set.
  public var value: Int64
  /// The error, when the call failed.
  public var errno: Errno?
  /// The data a `recv` read.
  public var data: Payload?
  /// A signal the call raised at its own thread (`SIGPIPE`), whose default action kills.
  public var raised: Signal?
  /// `-ERESTARTSYS` rather than `-EINTR`: the call is restarted if the handler of the signal
  /// that interrupted it has `SA_RESTART` (`errno` says `EINTR` for when it is not).
  package var restartable = false
  /// Everything else a call may write back; nil until one of it is set.
  private var rare: RareBox?

  public init(value: Int64, errno: Errno? = nil) {
    self.value = value
    self.errno = errno
  }

  /// The timeval a `getsockopt` read back.
  public var timeval: Timeval? {
    get { rare?.fields.timeval }
    set { setRare(newValue != nil) { $0.timeval = newValue } }
  }
  /// The socket a `socket` or `accept4` created (its inode number); a `socketpair`'s first.
  public var inode: Int? {
    get { rare?.fields.inode }
    set { setRare(newValue != nil) { $0.inode = newValue } }
  }
  /// `socketpair`'s two descriptors and the second socket's inode.
  public var pair: SocketPairResult? {
    get { rare?.fields.pair }
    set { setRare(newValue != nil) { $0.pair = newValue } }
  }
  /// The address a datagram `recv` reports its sender by (nil: none or not a datagram).
  public var sender: SockAddrUn? {
    get { rare?.fields.sender }
    set { setRare(newValue != nil) { $0.sender = newValue } }
  }
  /// `sendmmsg` and `recvmmsg`: each message handled, in order (as many as the return value).
  public var batch: [BatchEntry]? {
    get { rare?.fields.batch }
    set { setRare(newValue != nil) { $0.batch = newValue } }
  }
  /// What a `recvmsg` wrote back into its `msghdr`: `msg_flags`, `msg_controllen` and the
  /// descriptors an SCM_RIGHTS message delivered.
  public var message: ReceivedMessage? {
    get { rare?.fields.message }
    set { setRare(newValue != nil) { $0.message = newValue } }
  }
  /// The name `getsockname` or `getpeername` wrote back, with the length it reported.
  public var name: SockAddrUn? {
    get { rare?.fields.name }
    set { setRare(newValue != nil) { $0.name = newValue } }
  }
  /// What `SO_PEERCRED` read.
  public var peerCred: PeerCred? {
    get { rare?.fields.peerCred }
    set { setRare(newValue != nil) { $0.peerCred = newValue } }
  }
  /// The `int` a `getsockopt` read back (as many of its bytes as the length let through).
  public var optionValue: Int32? {
    get { rare?.fields.optionValue }
    set { setRare(newValue != nil) { $0.optionValue = newValue } }
  }
  /// The length a `getsockopt` of an `int` wrote back: at most `sizeof(int)`.
  public var optionLength: Int32? {
    get { rare?.fields.optionLength }
    set { setRare(newValue != nil) { $0.optionLength = newValue } }
  }
  /// The `revents` of each `pollfd`, in order.
  public var revents: [PollMask]? {
    get { rare?.fields.revents }
    set { setRare(newValue != nil) { $0.revents = newValue } }
  }
  /// The descriptors a `select` found ready, set by set.
  public var selected: SelectResult? {
    get { rare?.fields.selected }
    set { setRare(newValue != nil) { $0.selected = newValue } }
  }
  /// The events an `epoll_wait` delivered, in the ready list's order.
  public var epollEvents: [EpollEvent]? {
    get { rare?.fields.epollEvents }
    set { setRare(newValue != nil) { $0.epollEvents = newValue } }
  }
  /// F_GETOWN's owner when it is a thread: the value is its tid, which the trace names.
  public var owner: TaskID? {
    get { rare?.fields.owner }
    set { setRare(newValue != nil) { $0.owner = newValue } }
  }
  /// `fork`: the child's thread (in the parent's return).
  public var child: TaskID? {
    get { rare?.fields.child }
    set { setRare(newValue != nil) { $0.child = newValue } }
  }
  /// `wait4`: how the reaped child ended.
  public var waitStatus: ProcessEnd? {
    get { rare?.fields.waitStatus }
    set { setRare(newValue != nil) { $0.waitStatus = newValue } }
  }
  /// The kernel's reason for a failure (or for a success worth explaining).
  public var reason: Reason? {
    get { rare?.fields.reason }
    set { setRare(newValue != nil) { $0.reason = newValue } }
  }

  /// A successful return of `value`.
  public static func success(_ value: Int64 = 0) -> SyscallOutcome {
    SyscallOutcome(value: value)
  }

  /// A failure with `errno`, decided by `reason`.
  public static func failure(_ errno: Errno, _ reason: Reason) -> SyscallOutcome {
    var outcome = SyscallOutcome(value: -1, errno: errno)
    outcome.reason = reason
    return outcome
  }

  public static func == (a: SyscallOutcome, b: SyscallOutcome) -> Bool {
    a.value == b.value && a.errno == b.errno && a.data == b.data && a.raised == b.raised
      && a.restartable == b.restartable && (a.rare?.fields ?? RareFields()) == (b.rare?.fields ?? RareFields())
  }

  /// Sets one of the rare fields with `write`: a nil (`isSet` false) where there is no box
  /// needs none; a box another copy of the outcome shares is copied first. A closure rather
  /// than a key path: writing through a `WritableKeyPath` cost about 200 instructions, on
  /// every `socket` and `accept` (callgrind).
  private mutating func setRare(_ isSet: Bool, _ write: (inout RareFields) -> Void) {
    if rare == nil {
      guard isSet else { return }
      rare = RareBox(RareFields())
    } else if !isKnownUniquelyReferenced(&rare) {
      rare = RareBox(rare!.fields)
    }
    write(&rare!.fields)
  }

  /// The fields a few calls set.
  struct RareFields: Equatable, Sendable {
    var timeval: Timeval?
    var inode: Int?
    var pair: SocketPairResult?
    var sender: SockAddrUn?
    var batch: [BatchEntry]?
    var message: ReceivedMessage?
    var name: SockAddrUn?
    var peerCred: PeerCred?
    var optionValue: Int32?
    var optionLength: Int32?
    var revents: [PollMask]?
    var selected: SelectResult?
    var epollEvents: [EpollEvent]?
    var owner: TaskID?
    var child: TaskID?
    var waitStatus: ProcessEnd?
    var reason: Reason?
  }

  /// The box the copies of an outcome share until one of them changes it. Mutated only
  /// through ``setRare(_:_:)`` when uniquely referenced, so sharing it is safe.
  final class RareBox: @unchecked Sendable {
    var fields: RareFields

    init(_ fields: RareFields) { self.fields = fields }
  }
}

/// What `socketpair` created.
public struct SocketPairResult: Sendable, Equatable {
  public var fds: (Int32, Int32)
  public var inodes: (Int, Int)

  public init(fds: (Int32, Int32), inodes: (Int, Int)) {
    self.fds = fds
    self.inodes = inodes
  }

  public static func == (a: SocketPairResult, b: SocketPairResult) -> Bool {
    a.fds == b.fds && a.inodes == b.inodes
  }
}

/// How a process ended, as `wait4`'s status says it.
public enum ProcessEnd: Sendable, Equatable {
  /// `exit_group(status)`: `WIFEXITED`, `WEXITSTATUS`.
  case exited(Int32)
  /// A signal's default action: `WIFSIGNALED`, `WTERMSIG`.
  case killed(Signal)
}
