/// One system call as a task issues it. File descriptors are the task group's.
public enum Syscall: Sendable {
  /// `socket(AF_UNIX, type | flags, protocol)`; `flags` are SOCK_NONBLOCK and SOCK_CLOEXEC
  /// (anything else is EINVAL).
  case socket(type: SocketType, protocol: Int32, flags: Int32 = 0)
  /// `bind(fd, addr, addrlen)`.
  case bind(fd: Int32, address: SockAddrUn)
  /// `listen(fd, backlog)`.
  case listen(fd: Int32, backlog: Int32)
  /// `connect(fd, addr, addrlen)`.
  case connect(fd: Int32, address: SockAddrUn)
  /// `accept4(fd, NULL, NULL, flags)`.
  case accept(fd: Int32, flags: Int32)
  /// `shutdown(fd, how)`.
  case shutdown(fd: Int32, how: Int32)
  /// `close(fd)`.
  case close(fd: Int32)
  /// `setsockopt(fd, SOL_SOCKET, option, &timeval, optlen)`.
  case setTimeout(fd: Int32, option: SocketOption, value: Timeval, optlen: Int32)
  /// `getsockopt(fd, SOL_SOCKET, option, &timeval, &optlen)` with `optlen = 16`.
  case getTimeout(fd: Int32, option: SocketOption)
  /// `fcntl(fd, F_SETFL, on ? O_NONBLOCK : 0)`.
  case setNonBlocking(fd: Int32, on: Bool)
  /// `mknod(path, S_IFREG | 0644)`: an ordinary file, so that a path can exist without a socket.
  case createFile(path: String)
  /// `mkdir(path, 0755)`.
  case mkdir(path: String)
  /// `unlink(path)`.
  case unlink(path: String)
  /// `socketpair(AF_UNIX, type | flags, 0, sv)`.
  case socketpair(type: SocketType, flags: Int32 = 0)
  /// `sendto(fd, buf, len, flags, addr, addrlen)`; `send(fd, buf, len, flags)` without an address.
  case send(fd: Int32, data: Payload, flags: MessageFlags, address: SockAddrUn?)
  /// `recvfrom(fd, buf, length, flags, &addr, &addrlen)`.
  case recv(fd: Int32, length: Int, flags: MessageFlags)
  /// `sendmsg(fd, &msg, flags)`. Boxed, as `select` is: either made every call 76 bytes,
  /// copied as the call is built and entered, where most calls need 40.
  indirect case sendmsg(fd: Int32, message: SendMessage)
  /// `recvmsg(fd, &msg, flags)`.
  case recvmsg(fd: Int32, request: ReceiveRequest)
  /// `sendmmsg(fd, msgvec, vlen, flags)`: each message as `sendmsg` would send it.
  case sendmmsg(fd: Int32, messages: [SendMessage], flags: MessageFlags)
  /// `recvmmsg(fd, msgvec, vlen, flags, timeout)`: each message as `recvmsg` would receive it;
  /// `timeout` nil is NULL.
  case recvmmsg(fd: Int32, requests: [ReceiveRequest], flags: MessageFlags, timeout: Nanoseconds?)
  /// `setsockopt(fd, SOL_SOCKET, option, &value, optlen)`, `optlen` being `sizeof(int)` unless
  /// the script gives another.
  case setIntOption(fd: Int32, option: IntOption, value: Int32, optlen: Int32 = 4)
  /// `getsockopt(fd, SOL_SOCKET, option, &value, &len)` with `len = optlen` (4, `sizeof(int)`,
  /// unless the script gives another).
  case getIntOption(fd: Int32, option: IntOption, optlen: Int32 = 4)
  /// `prlimit64(0, RLIMIT_NOFILE, &new, NULL)`: the calling process's descriptor limit.
  case setrlimitNofile(RLimit)
  /// `getsockname(fd, &addr, &addrlen)`, or with `peer` `getpeername`, with a buffer of
  /// `sizeof(struct sockaddr_un)`.
  case getName(fd: Int32, peer: Bool)
  /// `getsockopt(fd, SOL_SOCKET, SO_PEERCRED, &ucred, &len)` with `len = sizeof(struct ucred)`.
  case getPeerCred(fd: Int32)
  /// `poll(fds, nfds, timeout)`; `timeoutMs` < 0 waits forever.
  case poll(fds: [PollRequest], timeoutMs: Int32)
  /// `ppoll(fds, nfds, tmo_p, sigmask, sizeof(sigset_t))`: `timeout` nil is NULL (forever),
  /// `sigmask` nil is NULL (the thread's mask stays).
  case ppoll(fds: [PollRequest], timeout: Nanoseconds?, sigmask: SigSet?)
  /// `select(nfds, readfds, writefds, exceptfds, timeout)` or `pselect6(…, timeout, {sigmask, 8})`.
  indirect case select(SelectRequest)
  /// `rt_sigprocmask(how, &set, NULL, 8)`: the calling thread's blocked signals.
  case sigprocmask(how: SigprocmaskHow, set: SigSet)
  /// A write of `value` to the sysctl's file under `/proc/sys`.
  case sysctl(Sysctl, value: Int64)
  /// `tgkill(pid, tid, signal)` to another thread of the process.
  case kill(task: TaskID, signal: Signal)
  /// `dup(fd)`.
  case dup(fd: Int32)
  /// `dup2(fd, newfd)`.
  case dup2(fd: Int32, newfd: Int32)
  /// `dup3(fd, newfd, flags)`.
  case dup3(fd: Int32, newfd: Int32, flags: Int32)
  /// `fcntl(fd, command, arg)`; F_GETFD and F_GETFL take no argument.
  case fcntl(fd: Int32, command: FcntlCommand, arg: Int32)
  /// `epoll_create1(flags)`: a new epoll instance's descriptor (EPOLL_CLOEXEC is O_CLOEXEC).
  case epollCreate(flags: Int32)
  /// `epoll_ctl(epfd, op, fd, &event)` (`event` is ignored for EPOLL_CTL_DEL).
  case epollCtl(epfd: Int32, op: EpollOp, fd: Int32, event: EpollEvent)
  /// `epoll_wait(epfd, events, maxevents, timeout)`; `timeoutMs` < 0 waits forever.
  case epollWait(epfd: Int32, maxevents: Int32, timeoutMs: Int32)
  /// `epoll_pwait(epfd, events, maxevents, timeout, sigmask, 8)`; `sigmask` nil is NULL.
  case epollPwait(epfd: Int32, maxevents: Int32, timeoutMs: Int32, sigmask: SigSet?)
  /// `ioctl(fd, request, &value)`: an int read back.
  case ioctl(fd: Int32, request: IoctlRequest)
  /// `read(fd, buf, length)`.
  case read(fd: Int32, length: Int)
  /// `write(fd, buf, len)`.
  case write(fd: Int32, data: Payload)
  /// `openat(AT_FDCWD, path, O_RDONLY)`.
  case open(path: String)
  /// `fork()`: a new process whose one thread is a copy of the caller, with a copy of the
  /// caller's descriptor table (the same open files, each with one more reference). The
  /// parent's return is the child's pid, numbered as the model numbers processes (process 1
  /// is the script's, then 2, 3, … in fork order); ``SyscallOutcome/child`` is the child's
  /// thread, to which calls can then be submitted.
  case fork
  /// `exit_group(status)`: the caller's process ends (its descriptors are closed, its other
  /// threads' calls end with it); the call never returns: the backend reports
  /// ``KernelEvent/processEnded(pid:tasks:end:)`` instead.
  case exitGroup(status: Int32)
  /// `execve("/proc/self/exe", …)`: the calling thread's process runs the same program
  /// anew. The process's other threads end where they are (their calls never return), the
  /// descriptors marked FD_CLOEXEC are closed, the others stay; the backend reports
  /// ``KernelEvent/execed(pid:by:ended:closed:)`` before the call's return (0).
  case execve
  /// `wait4(pid, &wstatus, 0, NULL)`: waits for the child `pid` (-1: any child) to end and
  /// reaps it; returns its pid, with ``SyscallOutcome/waitStatus``. ECHILD without one.
  case wait4(pid: Int32)
  /// `kill(pid, signal)`: to a process, by its model pid.
  case killProcess(pid: Int32, signal: Signal)
  /// `setuid(uid)`.
  case setuid(UInt32)
  /// `setgid(gid)`.
  case setgid(UInt32)
  /// `clock_nanosleep(CLOCK_REALTIME, 0, &ts, NULL)`, as glibc's `sleep` and `nanosleep` make it.
  case nanosleep(Nanoseconds)

  /// The file descriptor the call operates on, if any.
  public var fd: Int32? {
    switch self {
    case .bind(let fd, _), .listen(let fd, _), .connect(let fd, _), .accept(let fd, _),
      .shutdown(let fd, _), .close(let fd), .setTimeout(let fd, _, _, _), .getTimeout(let fd, _),
      .setNonBlocking(let fd, _), .send(let fd, _, _, _), .recv(let fd, _, _), .sendmsg(let fd, _), .recvmsg(let fd, _),
      .sendmmsg(let fd, _, _), .recvmmsg(let fd, _, _, _),
      .setIntOption(let fd, _, _, _),
      .getIntOption(let fd, _, _), .dup(let fd), .dup2(let fd, _), .dup3(let fd, _, _), .fcntl(let fd, _, _),
      .ioctl(let fd, _), .epollCtl(let fd, _, _, _), .epollWait(let fd, _, _), .epollPwait(let fd, _, _, _),
      .read(let fd, _), .write(let fd, _),
      .getName(let fd, _), .getPeerCred(let fd):
      fd
    case .socket, .createFile, .mkdir, .unlink, .socketpair, .poll, .ppoll, .select, .sigprocmask, .sysctl, .kill,
      .open, .fork, .exitGroup, .wait4,
      .killProcess, .setuid, .setgid, .nanosleep, .execve, .setrlimitNofile, .epollCreate:
      nil
    }
  }

  /// The descriptor a `dup2` or `dup3` returns when it succeeds.
  public var duplicateTarget: Int32? {
    switch self {
    case .dup2(_, let newfd), .dup3(_, let newfd, _): newfd
    default: nil
    }
  }

  /// The call's name as strace prints it.
  public var name: String {
    switch self {
    case .socket: "socket"
    case .bind: "bind"
    case .listen: "listen"
    case .connect: "connect"
    case .accept(_, let flags): flags == 0 ? "accept" : "accept4"
    case .shutdown: "shutdown"
    case .close: "close"
    case .setTimeout: "setsockopt"
    case .getTimeout: "getsockopt"
    case .setNonBlocking: "fcntl"
    case .createFile: "mknod"
    case .mkdir: "mkdir"
    case .unlink: "unlink"
    case .socketpair: "socketpair"
    case .send(_, _, _, let address): address == nil ? "send" : "sendto"
    case .recv: "recv"
    case .sendmsg: "sendmsg"
    case .recvmsg: "recvmsg"
    case .sendmmsg: "sendmmsg"
    case .recvmmsg: "recvmmsg"
    case .setIntOption: "setsockopt"
    case .getIntOption: "getsockopt"
    case .getName(_, let peer): peer ? "getpeername" : "getsockname"
    case .getPeerCred: "getsockopt"
    case .setrlimitNofile: "prlimit64"
    case .poll: "poll"
    case .ppoll: "ppoll"
    case .select(let request): request.variant == .select ? "select" : "pselect6"
    case .sigprocmask: "rt_sigprocmask"
    case .sysctl: "sysctl"
    case .kill: "tgkill"
    case .dup: "dup"
    case .dup2: "dup2"
    case .dup3: "dup3"
    case .fcntl: "fcntl"
    case .ioctl: "ioctl"
    case .epollCreate: "epoll_create1"
    case .epollCtl: "epoll_ctl"
    case .epollWait: "epoll_wait"
    case .epollPwait: "epoll_pwait"
    case .read: "read"
    case .write: "write"
    case .open: "openat"
    case .fork: "fork"
    case .exitGroup: "exit_group"
    case .execve: "execve"
    case .wait4: "wait4"
    case .killProcess: "kill"
    case .setuid: "setuid"
    case .setgid: "setgid"
    case .nanosleep: "clock_nanosleep"
    }
  }
}

/// Sent to and from the kernel backend's process hosts (a forked child's calls).
extension Syscall: Codable {}
