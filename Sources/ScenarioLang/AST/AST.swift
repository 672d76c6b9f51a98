import SockKernel
import SyscallVocabulary

/// A parsed script: statements in order.
public struct Script: Sendable {
  public var statements: [Statement]
}

/// A name as written, with where it was written.
public struct Name: Sendable, Equatable {
  public let text: String
  public let location: SourceLocation
  /// Set when the name has loop variables (`c$i`).
  public let template: NameTemplate?

  public init(text: String, location: SourceLocation) {
    self.text = text
    self.location = location
    self.template = NameTemplate(text)
  }
}

/// `repeat N [as VAR] { … }`: the body runs N times; `$VAR` counts 0, 1, … N-1 in names.
public struct Loop: Sendable {
  public let count: Int
  public let variable: Name?
  public internal(set) var body: [Statement]
}

/// One statement; a trailing `&` runs it in the background.
public struct Statement: Sendable {
  public enum Kind: Sendable {
    /// `server [NAME] [TYPE] [= RESULT] ops…`, `client …`, `socket NAME …`. With no name,
    /// `server` and `client` mean the socket of that name, created if new. The expectation
    /// is the `socket()` call's (not a server's implicit `bind`). `flags` are the
    /// SOCK_NONBLOCK and SOCK_CLOEXEC written after the type (`stream|nonblock`).
    case declare(
      DeclarationKind, name: Name?, type: SocketType?, expectation: Expectation?, operations: [Operation],
      flags: Int32)
    /// `NAME op…`.
    case act(Name, operations: [Operation])
    /// `sleep DURATION`: the script pauses; background calls and timers go on.
    case sleep(Nanoseconds)
    /// `wait [NAME]`: until NAME's (or every) background call has returned.
    case wait(Name?)
    /// `touch PATH`, `mkdir PATH`, `unlink PATH`.
    case file(FileOperation, path: [UInt8], expectation: Expectation?)
    /// `socketpair A B [TYPE]`: two connected sockets, each with its own thread; A's
    /// thread makes the call.
    /// Boxed (when the script is parsed): its two names made every statement's kind 100
    /// bytes, copied as each statement runs.
    indirect case socketpair(Name, Name, type: SocketType?, expectation: Expectation?, flags: Int32)
    /// `signal NAME [restart]`: `main` sends SIGUSR1 (handler without `SA_RESTART`) or,
    /// with `restart`, SIGUSR2 (handler with `SA_RESTART`) to NAME's thread.
    case signal(Name, Signal)
    /// `sysctl NAME VALUE`: `main` writes the sysctl.
    case sysctl(Sysctl, value: Int64, expectation: Expectation?)
    /// `ignore SIGPIPE`: the process ignores SIGPIPE from now on, so a stream `send` on a
    /// broken connection only fails with `EPIPE`.
    case ignoreSigpipe
    /// `handle SIGURG [restart]`: a handler for SIGURG in the calling thread's process.
    case handleSigurg(restart: Bool)
    /// `block SIGNALS` / `unblock SIGNALS`: `rt_sigprocmask(SIG_BLOCK|SIG_UNBLOCK, …)` by the
    /// calling thread.
    case sigprocmask(SigprocmaskHow, SigSet, expectation: Expectation?)
    /// `epoll NAME [cloexec]`: `epoll_create1`, whose descriptor NAME names.
    case epoll(as: Name, flags: Int32, expectation: Expectation?)
    /// `state`: the socket table (`:state`'s) printed into the trace at this point.
    case state
    /// `repeat N [as VAR] { STATEMENTS }`.
    case loop(Loop)
    /// `thread NAME [in PROCESS]`: a new thread (in process 1, or a forked process), with no
    /// socket of its own, for statements that name it (`NAME: server accept`).
    case thread(Name, process: Name?)
    /// `fork NAME`: a child process named NAME, whose one thread (a copy of the caller) is
    /// named NAME too.
    case fork(Name, expectation: Expectation?)
    /// `exit [STATUS]`: the calling thread's process ends (`exit_group`).
    case exit(Int32)
    /// `exec`: the calling thread's process runs the same program again (`execve`): its
    /// other threads end, its descriptors marked FD_CLOEXEC are closed.
    case exec
    /// `waitpid [PROCESS]`: `wait4` for that child (or any).
    case waitpid(Name?, expectation: Expectation?)
    /// `kill PROCESS [SIGNAL]`: `kill(pid, signal)`, SIGTERM by default.
    case kill(Name, Signal, expectation: Expectation?)
    /// `setuid UID`, `setgid GID`: the calling thread's process's credentials.
    case setuid(UInt32, expectation: Expectation?)
    case setgid(UInt32, expectation: Expectation?)
    /// `setrlimit nofile CUR [MAX]`: the calling thread's process's descriptor limit.
    case setrlimit(RLimit, expectation: Expectation?)
    /// `open "PATH" as NAME`: `openat(AT_FDCWD, PATH, O_RDONLY)` by NAME's new thread; NAME is
    /// then a descriptor that is not a socket.
    case open(path: [UInt8], as: Name, expectation: Expectation?)
  }

  public var kind: Kind { parts.kind }
  /// `THREAD: statement`: the thread that makes the statement's calls, when it is not the
  /// socket's own (or `main`, for the statements that name no socket).
  public var thread: Name? { parts.thread }
  public let location: SourceLocation
  public let background: Bool
  /// Set by a `# model-only:` or `# kernel-only:` comment on the statement's line.
  public internal(set) var onlyOn: BackendKind? = nil
  /// The kind and the thread, in one shared box: a loop copies every statement of its body
  /// at every iteration, and copying the enum with its payloads field by field cost some
  /// 370 instructions a statement (callgrind, a pingpong), where the box costs a retain.
  private let parts: Parts

  public init(
    kind: Kind, location: SourceLocation, background: Bool, thread: Name? = nil, onlyOn: BackendKind? = nil
  ) {
    self.parts = Parts(kind: kind, thread: thread)
    self.location = location
    self.background = background
    self.onlyOn = onlyOn
  }

  private final class Parts: Sendable {
    let kind: Kind
    let thread: Name?

    init(kind: Kind, thread: Name?) {
      self.kind = kind
      self.thread = thread
    }
  }
}

extension Script {
  /// The lines whose statements run on one side only.
  public var sideOnlyLines: Set<Int> {
    var lines = Set<Int>()
    Statement.visit(statements) { if $0.onlyOn != nil { lines.insert($0.location.line) } }
    return lines
  }

  /// Marks the statements of each directive's line; a directive on a line without a
  /// statement is an error, since it would silently mark nothing.
  mutating func apply(_ directives: [SideDirective]) throws(Diagnostic) {
    guard !directives.isEmpty else { return }
    var byLine: [Int: SideDirective] = [:]
    for directive in directives { byLine[directive.location.line] = directive }
    var used = Set<Int>()
    Statement.mark(&statements, byLine, used: &used)
    if let unused = directives.first(where: { !used.contains($0.location.line) }) {
      throw Diagnostic(
        "'# \(unused.side == .model ? "model-only" : "kernel-only")' marks no statement", at: unused.location,
        notes: ["put it at the end of the line whose statements it marks"])
    }
  }
}

extension Statement {
  /// Calls `body` with every statement, loop bodies included, in order.
  static func visit(_ statements: [Statement], _ body: (Statement) -> Void) {
    for statement in statements {
      body(statement)
      if case .loop(let loop) = statement.kind { visit(loop.body, body) }
    }
  }

  /// Marks the statements (loop bodies included) on a directive's line.
  static func mark(_ statements: inout [Statement], _ byLine: [Int: SideDirective], used: inout Set<Int>) {
    for i in statements.indices {
      if let directive = byLine[statements[i].location.line] {
        statements[i].onlyOn = directive.side
        used.insert(directive.location.line)
      }
      if case .loop(var loop) = statements[i].kind {
        mark(&loop.body, byLine, used: &used)
        statements[i] = Statement(
          kind: .loop(loop), location: statements[i].location, background: false, onlyOn: statements[i].onlyOn)
      }
    }
  }
}

/// How a socket is declared.
public enum DeclarationKind: String, Sendable {
  /// A socket bound to `NAME.sock` when it is created.
  case server
  /// A plain socket (connects to the latest server by default).
  case client
  /// A plain socket that must be named.
  case socket
}

/// Filesystem statements.
public enum FileOperation: String, Sendable {
  case touch, mkdir, unlink
}

/// An operation on a socket, with an optional expectation of its result.
///
/// A class, and so shared rather than copied: the operations of a loop's body are walked at
/// every iteration, and a copy of the value with its payloads cost some 350 instructions an
/// operation (callgrind, a pingpong), where a reference costs a retain.
public final class Operation: Sendable {
  public enum Kind: Sendable {
    case bind(Address)
    case listen(Int32)
    /// No target: the latest `server` declared.
    case connect(ConnectTarget?)
    case accept(as: Name?)
    case close
    case shutdown(Int32)
    case setTimeout(SocketOption, Timeval, optlen: Int32)
    case getTimeout(SocketOption)
    case nonblock(Bool)
    /// `send DATA [FLAGS] [to TARGET]`.
    case send(Payload, flags: MessageFlags, to: ConnectTarget?)
    /// `recv SIZE [FLAGS]`.
    case recv(Int, flags: MessageFlags)
    /// `sendmsg DATA, … PARTS`: one iovec per DATA. Boxed, as `sendmmsg`, `select` and
    /// `epoll_ctl` are: each made every operation's kind larger (89 bytes), which is copied
    /// whenever a call is built from it.
    indirect case sendmsg([Payload], SendParts)
    /// `recvmsg SIZE, … [name] [control N] [rights as NAME, …] [FLAGS]`: one iovec per SIZE;
    /// `control` nil: room for the named descriptors (none: `msg_control` NULL).
    case recvmsg([Int], name: Bool, control: Int?, rightsAs: [Name], flags: MessageFlags)
    /// `sendmmsg DATA, … PARTS`: one message (of one iovec) per DATA, each with the parts.
    indirect case sendmmsg([Payload], SendParts)
    /// `recvmmsg SIZE, … [name] [control N] [FLAGS] [timeout T]`: one message (of one
    /// iovec) per SIZE, each with a name buffer and a control buffer of N bytes.
    case recvmmsg([Int], name: Bool, control: Int?, flags: MessageFlags, timeout: Nanoseconds?)
    /// `sndbuf N` / `rcvbuf N`.
    case setBuffer(IntOption, Int32, optlen: Int32)
    /// `passcred|passsec|passpidfd|passrights [on|off]`: `setsockopt` of the switch to 1 or 0.
    case setSwitch(IntOption, Bool, optlen: Int32)
    /// `get sndbuf|rcvbuf|error|type|…|INT [optlen N]`.
    case getOption(IntOption, optlen: Int32)
    /// `poll [ITEMS] [timeout T]`.
    case poll([PollItem], timeoutMs: Int32)
    /// `ppoll [ITEMS] [timeout T] [sigmask SIGNALS]`: `timeout` nil is NULL (forever),
    /// `sigmask` nil is NULL.
    case ppoll([PollItem], timeout: Nanoseconds?, sigmask: SigSet?)
    /// `select|pselect [read NAMES] [write NAMES] [except NAMES] [timeout T] [sigmask SIGNALS]`.
    indirect case select(SelectSets)
    /// `disconnect`: `connect` to an `AF_UNSPEC` address (dissolves a datagram association).
    case disconnect
    /// `autobind`: `bind` with the family alone, for a name the kernel picks.
    case autobind
    /// `get peercred`: SO_PEERCRED.
    case getPeerCred
    /// `getsockname`, or with `peer` `getpeername`.
    case getName(peer: Bool)
    /// `dup as NAME`: a new descriptor, the lowest free, for the same open file.
    case dup(as: Name)
    /// `dup2 TARGET` (`dup3Flags` nil) or `dup3 TARGET [cloexec]`: the descriptor TARGET
    /// names now refers to this socket's open file.
    case dup2(onto: DupTarget, dup3Flags: Int32?)
    /// `fcntl getfl|getfd|setfl FLAGS|setfd cloexec|0|dupfd N as NAME|dupfd_cloexec N as NAME|getown`.
    case fcntl(FcntlCommand, arg: Int32, as: Name?)
    /// `fcntl setown PROCESS|0` (F_SETOWN, `thread` false; nil: 0) or `fcntl setown_ex
    /// THREAD` (F_SETOWN_EX with F_OWNER_TID).
    case setOwner(Name?, thread: Bool)
    /// `ioctl SIOCINQ|SIOCOUTQ|SIOCATMARK|…`: the int it reads back.
    case ioctl(IoctlRequest)
    /// `epoll_ctl add|mod|del TARGET [EVENTS] [data N]`: `data` nil is the target's
    /// descriptor number.
    indirect case epollCtl(EpollOp, target: Name, events: PollMask, data: UInt64?)
    /// `epoll_wait [MAXEVENTS] [timeout T|forever]`.
    case epollWait(maxevents: Int32, timeoutMs: Int32)
    /// `epoll_pwait [MAXEVENTS] [timeout T|forever] [sigmask SIGNALS]`.
    case epollPwait(maxevents: Int32, timeoutMs: Int32, sigmask: SigSet?)
    /// `accept4 FLAGS [as NAME]`: the new socket's file gets O_NONBLOCK, its descriptor FD_CLOEXEC.
    case accept4(flags: Int32, as: Name?)
    /// `read SIZE`.
    case read(Int)
    /// `write DATA`.
    case write(Payload)
  }

  public let kind: Kind
  /// Where the operation's word is.
  public let location: SourceLocation
  public let word: String
  public let expectation: Expectation?
  /// The sockets the operation's call names beyond its own, found in its kind once, here:
  /// nil for most operations, which are then issued without reading their kind for it,
  /// which copies it (some 100 instructions a call, callgrind, a pingpong).
  let callNames: CallNames?

  /// What ``callNames`` holds: a class, so that the call that reads it takes a reference
  /// rather than a copy of two names and a list (some 300 instructions a connect/accept
  /// cycle, callgrind).
  final class CallNames: Sendable {
    /// The name of the descriptor the call creates: `accept as NAME`, `dup as NAME`,
    /// `dup2 N as NAME`, `fcntl dupfd N as NAME`.
    let made: Name?
    /// `dup2 NAME`: the socket whose descriptor now refers to this one's file.
    let replaced: Name?
    /// `recvmsg … rights as NAME, …`: the descriptors an SCM_RIGHTS message delivers.
    let rights: [Name]

    init(made: Name?, replaced: Name?, rights: [Name]) {
      self.made = made
      self.replaced = replaced
      self.rights = rights
    }
  }

  public init(kind: Kind, location: SourceLocation, word: String, expectation: Expectation?) {
    self.kind = kind
    self.location = location
    self.word = word
    self.expectation = expectation
    var replaced: Name?
    if case .dup2(.socket(let target), _) = kind { replaced = target }
    var rights: [Name] = []
    if case .recvmsg(_, _, _, let names, _) = kind { rights = names }
    let made = kind.newName
    callNames =
      made == nil && replaced == nil && rights.isEmpty ? nil : CallNames(made: made, replaced: replaced, rights: rights)
  }
}

extension Operation.Kind {
  /// A `poll` or `ppoll`, whose `[…]` result is the revents of its items.
  var reportsRevents: Bool {
    switch self {
    case .poll, .ppoll: true
    default: false
    }
  }

  /// The name of the descriptor the call makes: `accept as NAME`, `dup as NAME`,
  /// `dup2 N as NAME`.
  var newName: Name? {
    switch self {
    case .accept(let name): name
    case .dup(let name): name
    case .dup2(let target, _): target.newName
    case .fcntl(_, _, let name): name
    case .accept4(_, let name): name
    default: nil
    }
  }
}

/// What follows a `sendmsg`'s or `sendmmsg`'s data: `creds {P, U, G}` (an SCM_CREDENTIALS
/// message), `rights NAME, …` (an SCM_RIGHTS message of the named sockets' descriptors),
/// `cmsg LEVEL TYPE [len N] [STRING]` (a control message spelled out, after those), flags
/// and `to TARGET`.
public struct SendParts: Sendable {
  public var credentials: PeerCred?
  public var rights: [Name] = []
  public var raw: [RawControlMessage] = []
  public var flags: MessageFlags = []
  public var target: ConnectTarget?
}

/// Where `dup2` and `dup3` put the new descriptor.
public enum DupTarget: Sendable {
  /// `dup2 NAME`: onto the descriptor another name holds, which is closed first.
  case socket(Name)
  /// `dup2 INT as NAME`: onto that number, which the new name then holds.
  case number(Int32, as: Name)

  /// The name the call creates, if any.
  public var newName: Name? {
    if case .number(_, let name) = self { return name }
    return nil
  }
}

/// One socket of a `poll`: nil names the polling socket itself.
public struct PollItem: Sendable {
  public let name: Name?
  public let events: PollMask
}

/// The sets of a `select` or `pselect` by the names of their sockets (nil: NULL), its
/// timeout (nil: NULL, forever) and `pselect`'s mask (nil: NULL).
public struct SelectSets: Sendable {
  public var pselect: Bool
  public var read: [Name]?
  public var write: [Name]?
  public var except: [Name]?
  public var timeout: Nanoseconds?
  public var sigmask: SigSet?
}

/// An address literal.
public enum Address: Sendable, Equatable {
  /// `"path"`.
  case path([UInt8])
  /// `@name` or `@"name"`.
  case abstract([UInt8])

  var sockaddr: SockAddrUn {
    switch self {
    case .path(let bytes): return .filesystem(bytes)
    case .abstract(let name): return .abstract(name)
    }
  }
}

/// What `connect` connects to.
public enum ConnectTarget: Sendable {
  case address(Address)
  /// The address the named socket last bound.
  case socket(Name)
}
