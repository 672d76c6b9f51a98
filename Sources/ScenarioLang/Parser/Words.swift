import SockKernel
import SyscallVocabulary

// The words of the language, each declared once. The parser dispatches on these enums with
// exhaustive `switch`es, and its notes, the REPL's Tab completion, the fuzzer's dictionary
// and the grammar in docs/language.md are derived from or checked against them (see
// WordTableTests), so a word added here without a parse function does not compile, and a
// word missing from the docs fails a test.

/// The words that start a statement, in the order the notes list them.
public enum StatementWord: String, CaseIterable, Sendable {
  case server, client, socket, socketpair, sleep, wait, touch, mkdir, unlink, signal, sysctl, ignore
  case `repeat`, thread, fork, waitpid, kill, setuid, setgid, setrlimit
  case open, handle, epoll, block, unblock, state
}

/// The words of the operations a socket performs, in the order the notes list them.
public enum OperationWord: String, CaseIterable, Sendable {
  case bind, listen, connect, accept, close, shutdown, sndtimeo, rcvtimeo, get, nonblock, send, recv, sndbuf, rcvbuf
  case poll, disconnect
  case dup, dup2, dup3, fcntl, accept4, read, write
  case getsockname, getpeername, autobind
  case passcred, passsec, passpidfd, passrights
  case sendmsg, recvmsg, sendmmsg, recvmmsg
  case oobinline, ioctl, inq
  case epoll_ctl, epoll_wait
  case rcvlowat, peek_off
  case ppoll, select, pselect, epoll_pwait

  /// The `int` option an operation word sets to its value (`sndbuf 4096`, `rcvlowat 5`).
  var valueOption: IntOption? {
    switch self {
    case .sndbuf: .SO_SNDBUF
    case .rcvbuf: .SO_RCVBUF
    case .rcvlowat: .SO_RCVLOWAT
    case .peek_off: .SO_PEEK_OFF
    default: nil
    }
  }

  /// The SOL_SOCKET switch an operation word turns on or off (`passcred [on|off]`).
  var switchOption: IntOption? {
    switch self {
    case .passcred: .SO_PASSCRED
    case .passsec: .SO_PASSSEC
    case .passpidfd: .SO_PASSPIDFD
    case .passrights: .SO_PASSRIGHTS
    case .oobinline: .SO_OOBINLINE
    case .inq: .SO_INQ
    default: nil
    }
  }
}

/// The flags a socket's type (`stream|nonblock`) or `accept4` takes.
public enum SocketFlagWord: String, CaseIterable, Sendable {
  case nonblock, cloexec

  var flag: Int32 {
    switch self {
    case .nonblock: SOCK_NONBLOCK
    case .cloexec: SOCK_CLOEXEC
    }
  }
}

/// What `fcntl` does: its command, in the order its error lists them.
public enum FcntlWord: String, CaseIterable, Sendable {
  case getfl, setfl, getfd, setfd, dupfd, dupfd_cloexec, setown, setown_ex, getown

  var command: FcntlCommand {
    switch self {
    case .setown: .F_SETOWN
    case .setown_ex: .F_SETOWN_EX
    case .getown: .F_GETOWN
    case .getfl: .F_GETFL
    case .setfl: .F_SETFL
    case .getfd: .F_GETFD
    case .setfd: .F_SETFD
    case .dupfd: .F_DUPFD
    case .dupfd_cloexec: .F_DUPFD_CLOEXEC
    }
  }
}

/// The file status flags `fcntl setfl` sets (`setfl nonblock|append`); the others are cleared.
public enum StatusFlagWord: String, CaseIterable, Sendable {
  case nonblock, append, direct

  var flag: Int32 {
    switch self {
    case .nonblock: O_NONBLOCK
    case .append: O_APPEND
    case .direct: O_DIRECT
    }
  }
}

/// The flags an `fcntl getfl` or `getfd` expectation names (`= [O_RDWR|O_NONBLOCK]`), as
/// strace prints them.
public enum FileFlagWord: String, CaseIterable, Sendable {
  case O_RDONLY, O_WRONLY, O_RDWR, O_APPEND, O_NONBLOCK, O_DIRECT, O_LARGEFILE, FD_CLOEXEC

  var flag: Int32 {
    switch self {
    case .O_RDONLY: 0
    case .O_WRONLY: 1
    case .O_RDWR: SyscallVocabulary.O_RDWR
    case .O_APPEND: SyscallVocabulary.O_APPEND
    case .O_NONBLOCK: SyscallVocabulary.O_NONBLOCK
    case .O_DIRECT: SyscallVocabulary.O_DIRECT
    case .O_LARGEFILE: SyscallVocabulary.O_LARGEFILE
    case .FD_CLOEXEC: SyscallVocabulary.FD_CLOEXEC
    }
  }
}

/// What `get` reads, in the order its error lists them (besides an option's number).
public enum GetOptionWord: String, CaseIterable, Sendable {
  case sndtimeo, rcvtimeo, sndbuf, rcvbuf, error, type, domain, `protocol`, acceptconn, peercred
  case passcred, passsec, passpidfd, passrights, peek_off, rcvlowat, sndlowat
  case reuseaddr, reuseport, keepalive, broadcast, dontroute, oobinline, peerpidfd

  var kind: Operation.Kind {
    switch self {
    case .sndtimeo: .getTimeout(.SO_SNDTIMEO)
    case .rcvtimeo: .getTimeout(.SO_RCVTIMEO)
    case .peercred: .getPeerCred
    default: .getOption(intOption!, optlen: 4)
    }
  }

  /// The `int` option the word reads, if it reads one (`optlen` may follow it).
  var intOption: IntOption? {
    switch self {
    case .sndtimeo, .rcvtimeo, .peercred: nil
    case .sndbuf: .SO_SNDBUF
    case .rcvbuf: .SO_RCVBUF
    case .error: .SO_ERROR
    case .type: .SO_TYPE
    case .domain: .SO_DOMAIN
    case .protocol: .SO_PROTOCOL
    case .acceptconn: .SO_ACCEPTCONN
    case .passcred: .SO_PASSCRED
    case .passsec: .SO_PASSSEC
    case .passpidfd: .SO_PASSPIDFD
    case .passrights: .SO_PASSRIGHTS
    case .peek_off: .SO_PEEK_OFF
    case .rcvlowat: .SO_RCVLOWAT
    case .sndlowat: .SO_SNDLOWAT
    case .reuseaddr: .SO_REUSEADDR
    case .reuseport: .SO_REUSEPORT
    case .keepalive: .SO_KEEPALIVE
    case .broadcast: .SO_BROADCAST
    case .dontroute: .SO_DONTROUTE
    case .oobinline: .SO_OOBINLINE
    case .peerpidfd: .SO_PEERPIDFD
    }
  }
}

/// The message flags `send` and `recv` take after their argument.
public enum MessageFlagWord: String, CaseIterable, Sendable {
  case dontwait, nosignal, peek, waitall, trunc, cmsg_cloexec, waitforone, oob

  /// `send`'s and `sendmsg`'s flags.
  static let send: [MessageFlagWord] = [.dontwait, .nosignal, .oob]
  /// `recv`'s flags.
  static let recv: [MessageFlagWord] = [.peek, .waitall, .dontwait, .trunc, .oob]
  /// `recvmsg`'s flags: `recv`'s and MSG_CMSG_CLOEXEC.
  static let recvmsg: [MessageFlagWord] = recv + [.cmsg_cloexec]
  /// `recvmmsg`'s flags: `recvmsg`'s and MSG_WAITFORONE.
  static let recvmmsg: [MessageFlagWord] = recvmsg + [.waitforone]

  var flag: MessageFlags {
    switch self {
    case .dontwait: .MSG_DONTWAIT
    case .nosignal: .MSG_NOSIGNAL
    case .peek: .MSG_PEEK
    case .waitall: .MSG_WAITALL
    case .trunc: .MSG_TRUNC
    case .cmsg_cloexec: .MSG_CMSG_CLOEXEC
    case .waitforone: .MSG_WAITFORONE
    case .oob: .MSG_OOB
    }
  }

  /// Which operations take the flag and where it goes, for one written where an operation
  /// was expected.
  var place: (operations: String, where: String) {
    switch self {
    case .dontwait:
      (
        "'send' and 'recv'",
        "write it after what is sent or the size received: 'send \"x\" dontwait', 'recv 10 dontwait'"
      )
    case .nosignal: ("'send'", "write it after what is sent, before or after 'to': 'send \"x\" nosignal to s'")
    case .peek: ("'recv'", "write it after the size: 'recv 10 peek'")
    case .waitall: ("'recv'", "write it after the size: 'recv 10 waitall'")
    case .trunc: ("'recv'", "write it after the size: 'recv 10 trunc'")
    case .cmsg_cloexec: ("'recvmsg'", "write it after the sizes: 'recvmsg 10 rights as r cmsg_cloexec'")
    case .waitforone: ("'recvmmsg'", "write it after the sizes: 'recvmmsg 10, 10 waitforone'")
    case .oob:
      ("'send' and 'recv'", "write it after what is sent or the size received: 'send \"ab\" oob', 'recv 1 oob'")
    }
  }
}

/// What `ioctl` asks, in the order its error lists them: SIOCINQ is FIONREAD and SIOCOUTQ
/// is TIOCOUTQ (the same numbers), and the trace shows them by the names strace prints.
public enum IoctlWord: String, CaseIterable, Sendable {
  case SIOCINQ, FIONREAD, SIOCOUTQ, TIOCOUTQ, SIOCATMARK

  var request: IoctlRequest {
    switch self {
    case .SIOCINQ, .FIONREAD: .SIOCINQ
    case .SIOCOUTQ, .TIOCOUTQ: .SIOCOUTQ
    case .SIOCATMARK: .SIOCATMARK
    }
  }
}

/// What `epoll_ctl` does.
public enum EpollOpWord: String, CaseIterable, Sendable {
  case add, mod, del

  var op: EpollOp {
    switch self {
    case .add: .EPOLL_CTL_ADD
    case .mod: .EPOLL_CTL_MOD
    case .del: .EPOLL_CTL_DEL
    }
  }
}

/// The epoll flags an `epoll_ctl` item takes besides its events (`in`, `out`, …).
public enum EpollFlagWord: String, CaseIterable, Sendable {
  case et, oneshot, exclusive

  var flag: PollMask {
    switch self {
    case .et: .EPOLLET
    case .oneshot: .EPOLLONESHOT
    case .exclusive: .EPOLLEXCLUSIVE
    }
  }
}

/// `shutdown`'s how, by name, in the order its error lists them.
public enum ShutdownWord: String, CaseIterable, Sendable {
  case rd, wr, rdwr

  var how: Int32 {
    switch self {
    case .rd: SHUT_RD
    case .wr: SHUT_WR
    case .rdwr: SHUT_RDWR
    }
  }
}

/// `nonblock on` and `nonblock off`.
public enum NonblockWord: String, CaseIterable, Sendable {
  case on, off

  var isOn: Bool { self == .on }
}

/// The events `poll` asks for.
public enum PollEventWord: String, CaseIterable, Sendable {
  case `in`, out, rdhup, pri

  var mask: PollMask {
    switch self {
    case .in: .EPOLLIN
    case .out: .EPOLLOUT
    case .rdhup: .EPOLLRDHUP
    case .pri: .EPOLLPRI
    }
  }
}

/// The events a `poll` expectation names (`[IN|OUT]`), in the order its note lists them.
public enum ReventWord: String, CaseIterable, Sendable {
  case IN, OUT, HUP, ERR, RDHUP, PRI, NVAL

  var mask: PollMask {
    switch self {
    case .IN: .EPOLLIN
    case .OUT: .EPOLLOUT
    case .HUP: .EPOLLHUP
    case .ERR: .EPOLLERR
    case .RDHUP: .EPOLLRDHUP
    case .PRI: .EPOLLPRI
    case .NVAL: .EPOLLNVAL
    }
  }
}

/// A socket's type, after a declaration or `socketpair`.
public enum TypeWord: String, CaseIterable, Sendable {
  case stream, dgram, seqpacket

  var type: SocketType {
    switch self {
    case .stream: .stream
    case .dgram: .dgram
    case .seqpacket: .seqpacket
    }
  }
}

/// The words of an expectation besides its results, read after `=` or a relation only, so
/// they may still name a socket.
public enum ExpectationWord: String, CaseIterable, Sendable {
  /// `= ok`: any success.
  case ok
  /// `= 0 or EAGAIN`: one of several results.
  case or
}

/// The relations an expectation may hold the return value to (`send 1MiB dontwait >= 1`),
/// each a token of its own (punctuation, not words: they are not in ``WordTable/all``).
public enum RelationWord: String, CaseIterable, Sendable {
  case atLeast = ">="
  case above = ">"
  case atMost = "<="
  case below = "<"

  /// Whether `value` stands in this relation to `bound`.
  func holds(_ value: Int64, _ bound: Int64) -> Bool {
    switch self {
    case .atLeast: value >= bound
    case .above: value > bound
    case .atMost: value <= bound
    case .below: value < bound
    }
  }
}

/// The other words with a meaning, none of which can name a socket.
public enum Keyword: String, CaseIterable, Sendable {
  case `as`, at, optlen, to, timeout, forever, restart
  /// The file system's task, which no socket may shadow.
  case main
  /// FD_CLOEXEC for `fcntl setfd`, O_CLOEXEC for `dup3`.
  case cloexec
}

/// The statements only a thread's prefix starts (`child: exit 0`): without one the word is
/// free to name a socket (`client exit`), as it always was.
public enum ThreadStatementWord: String, CaseIterable, Sendable {
  case exit, exec
}

/// The signals `kill` sends by name (SIGPIPE is ``PlainWord``'s, also read by `ignore`).
public enum SignalWord: String, CaseIterable, Sendable {
  case SIGTERM, SIGKILL, SIGUSR1, SIGUSR2

  var signal: Signal {
    switch self {
    case .SIGTERM: .SIGTERM
    case .SIGKILL: .SIGKILL
    case .SIGUSR1: .SIGUSR1
    case .SIGUSR2: .SIGUSR2
    }
  }
}

/// The parts of a `sendmsg`'s or `recvmsg`'s `msghdr` besides the data, read there only,
/// so they may still name a socket.
public enum MessageHeaderWord: String, CaseIterable, Sendable {
  /// `rights NAME, …` (sendmsg): an SCM_RIGHTS message; `rights as NAME, …` (recvmsg): names
  /// for the descriptors one delivers.
  case rights
  /// `control N` (recvmsg): the control buffer's size, `msg_controllen`.
  case control
  /// `name` (recvmsg): a `sockaddr_un` for `msg_name`, which the sender's address fills.
  case name
  /// `creds {PID, UID, GID}` (sendmsg): an SCM_CREDENTIALS message of those credentials.
  case creds
  /// `cmsg LEVEL TYPE [len N] [STRING]` (sendmsg): a control message spelled out.
  case cmsg
  /// `len N` after `cmsg`: its `cmsg_len`, when it is not the right one.
  case len
}

/// The level and types a `cmsg` names (any other is written as a number).
public enum ControlWord: String, CaseIterable, Sendable {
  case SOL_SOCKET, SCM_RIGHTS, SCM_CREDENTIALS

  var value: Int32 {
    switch self {
    case .SOL_SOCKET: ControlMessage.SOL_SOCKET
    case .SCM_RIGHTS: ControlMessage.SCM_RIGHTS
    case .SCM_CREDENTIALS: ControlMessage.SCM_CREDENTIALS
    }
  }
}

/// Words read in one place only, which may still name a socket.
public enum PlainWord: String, CaseIterable, Sendable {
  case SIGPIPE, tv_sec, tv_usec, pid, uid, gid, nofile, SIGURG, data
  /// `sigmask SIGNALS` of `ppoll`, `pselect` and `epoll_pwait`.
  case sigmask
}

/// The sets of a `select` (`read` and `write` are also operations: after `select` they
/// name its sets).
public enum SelectSetWord: String, CaseIterable, Sendable {
  case read, write, except
}

/// Every word of the table, for the checks that the docs, the fuzzer's dictionary and the
/// REPL know them all.
public enum WordTable {
  public static let all: [String] =
    StatementWord.allCases.map(\.rawValue) + OperationWord.allCases.map(\.rawValue)
    + GetOptionWord.allCases.map(\.rawValue) + MessageFlagWord.allCases.map(\.rawValue)
    + ShutdownWord.allCases.map(\.rawValue) + NonblockWord.allCases.map(\.rawValue)
    + PollEventWord.allCases.map(\.rawValue) + ReventWord.allCases.map(\.rawValue)
    + TypeWord.allCases.map(\.rawValue) + Keyword.allCases.map(\.rawValue) + PlainWord.allCases.map(\.rawValue)
    + SignalWord.allCases.map(\.rawValue) + ExpectationWord.allCases.map(\.rawValue)
    + ThreadStatementWord.allCases.map(\.rawValue)
    + FcntlWord.allCases.map(\.rawValue) + StatusFlagWord.allCases.map(\.rawValue)
    + FileFlagWord.allCases.map(\.rawValue) + SocketFlagWord.allCases.map(\.rawValue)
    + MessageHeaderWord.allCases.map(\.rawValue) + ControlWord.allCases.map(\.rawValue)
    + IoctlWord.allCases.map(\.rawValue) + EpollOpWord.allCases.map(\.rawValue)
    + EpollFlagWord.allCases.map(\.rawValue) + [SelectSetWord.except.rawValue]
  /// The relation tokens, for the same checks.
  public static let relations: [String] = RelationWord.allCases.map(\.rawValue)
}
