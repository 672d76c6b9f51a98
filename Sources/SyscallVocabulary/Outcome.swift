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
public struct SyscallOutcome: Sendable, Equatable {
  /// The return value; -1 when `errno` is set.
  public var value: Int64
  /// The error, when the call failed.
  public var errno: Errno?
  /// The timeval a `getsockopt` read back.
  public var timeval: Timeval?
  /// The socket a `socket` or `accept4` created (its inode number); a `socketpair`'s first.
  public var inode: Int?
  /// `socketpair`'s two descriptors and the second socket's inode.
  public var pair: SocketPairResult?
  /// The data a `recv` read.
  public var data: Payload?
  /// The address a datagram `recv` reports its sender by (nil: none or not a datagram).
  public var sender: SockAddrUn?
  /// `sendmmsg` and `recvmmsg`: each message handled, in order (as many as the return value).
  public var batch: [BatchEntry]?
  /// What a `recvmsg` wrote back into its `msghdr`: `msg_flags`, `msg_controllen` and the
  /// descriptors an SCM_RIGHTS message delivered.
  public var message: ReceivedMessage?
  /// The name `getsockname` or `getpeername` wrote back, with the length it reported.
  public var name: SockAddrUn?
  /// What `SO_PEERCRED` read.
  public var peerCred: PeerCred?
  /// The `int` a `getsockopt` read back (as many of its bytes as the length let through).
  public var optionValue: Int32?
  /// The length a `getsockopt` of an `int` wrote back: at most `sizeof(int)`.
  public var optionLength: Int32?
  /// The `revents` of each `pollfd`, in order.
  public var revents: [PollMask]?
  /// The descriptors a `select` found ready, set by set.
  public var selected: SelectResult?
  /// The events an `epoll_wait` delivered, in the ready list's order.
  public var epollEvents: [EpollEvent]?
  /// A signal the call raised at its own thread (`SIGPIPE`), whose default action kills.
  public var raised: Signal?
  /// F_GETOWN's owner when it is a thread: the value is its tid, which the trace names.
  public var owner: TaskID?
  /// `fork`: the child's thread (in the parent's return).
  public var child: TaskID?
  /// `wait4`: how the reaped child ended.
  public var waitStatus: ProcessEnd?
  /// `-ERESTARTSYS` rather than `-EINTR`: the call is restarted if the handler of the signal
  /// that interrupted it has `SA_RESTART` (`errno` says `EINTR` for when it is not).
  package var restartable = false
  /// The kernel's reason for a failure (or for a success worth explaining).
  public var reason: Reason?

  /// A successful return of `value`.
  public static func success(_ value: Int64 = 0) -> SyscallOutcome {
    SyscallOutcome(value: value)
  }

  /// A failure with `errno`, decided by `reason`.
  public static func failure(_ errno: Errno, _ reason: Reason) -> SyscallOutcome {
    SyscallOutcome(value: -1, errno: errno, reason: reason)
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
