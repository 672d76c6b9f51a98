import SyscallVocabulary

/// The system call table: from a ``Syscall`` to the kernel function that serves it,
/// through the socket layer (`net/socket.c`) and AF_UNIX's `proto_ops`.
extension Kernel {
  func dispatch(_ call: ActiveCall) -> SyscallStep {
    switch call.syscall {
    case .socket(let type, let proto, let flags):
      return .done(sysSocket(type: type, protocol: proto, flags: flags))
    case .createFile(let path):
      return .done(sysMknodRegular(path))
    case .mkdir(let path):
      return .done(sysMkdir(path))
    case .unlink(let path):
      return .done(sysUnlink(path))
    case .socketpair(let type, let flags):
      return .done(sysSocketpair(type: type, flags: flags))
    case .sysctl(let sysctl, let value):
      return .done(sysSysctl(sysctl, value))
    case .kill(let task, let signal):
      return .done(sysTgkill(task, signal))
    case .poll(let fds, let timeoutMs):
      return sysPoll(fds, timeoutMs: timeoutMs, frame: &call.frame)
    case .ppoll(let fds, let timeout, let sigmask):
      return sysPpoll(fds, timeout: timeout, sigmask: sigmask, frame: &call.frame)
    case .select(let request):
      return sysSelect(request, frame: &call.frame)
    case .sigprocmask(let how, let set):
      return .done(sysRtSigprocmask(tasks[call.task.rawValue], how: how, set: set))
    case .fork:
      return .done(kernelClone(tasks[call.task.rawValue]))
    case .exitGroup(let status):
      return sysExitGroup(tasks[call.task.rawValue], status: status)
    case .execve:
      return sysExecve(tasks[call.task.rawValue])
    case .wait4(let pid):
      return kernelWait4(tasks[call.task.rawValue], pid: pid, frame: &call.frame)
    case .killProcess(let pid, let signal):
      return .done(sysKill(pid: pid, signal))
    case .setuid(let uid):
      return .done(sysSetuid(tasks[call.task.rawValue], uid))
    case .setgid(let gid):
      return .done(sysSetgid(tasks[call.task.rawValue], gid))
    case .setrlimitNofile(let limit):
      return .done(doPrlimit(tasks[call.task.rawValue], nofile: limit))
    case .nanosleep(let duration):
      return hrtimerNanosleep(duration, frame: &call.frame)
    case .close(let fd):
      // close_fd takes the descriptor out of the table itself, with no fdget.
      return .done(sysClose(fd))
    case .dup(let fd):
      return .done(ksysDup(fd))
    case .dup2(let fd, let newfd):
      return .done(ksysDup2(fd, newfd))
    case .dup3(let fd, let newfd, let flags):
      return .done(ksysDup3(fd, newfd, flags: flags))
    case .fcntl(let fd, let command, let arg):
      return .done(sysFcntl(fd, command, arg))
    case .open(let path):
      return .done(doSysOpen(path))
    case .epollCreate(let flags):
      return .done(sysEpollCreate1(flags: flags))
    case .epollCtl(let epfd, let op, let fd, let event):
      return .done(doEpollCtl(epfd: epfd, op: op, fd: fd, event: event))
    default:
      break
    }
    // The file the call's first entry took with fdget: a call that slept goes on with it
    // even if another thread has closed the descriptor meanwhile.
    guard let fd = call.syscall.fd, let opened = call.file ?? fdget(fd, for: call) else {
      return .done(.failure(.EBADF, Kernel.badDescriptor))
    }
    // The calls of any file; then sockfd_lookup's ENOTSOCK for the socket calls.
    switch call.syscall {
    case .setNonBlocking(_, let on):
      // `nonblock` is F_SETFL with O_RDWR|O_NONBLOCK or O_RDWR.
      return .done(setfl(opened, on ? O_RDWR | O_NONBLOCK : O_RDWR))
    case .read(_, let length):
      guard let file = opened as? SocketFile else { return .done(vfsRead(opened, length: length)) }
      return sockReadIter(file, length: length, frame: &call.frame)
    case .write(_, let data):
      guard let file = opened as? SocketFile else { return .done(vfsWrite(opened, data)) }
      return sockWriteIter(file, data, frame: &call.frame)
    case .ioctl(_, let request):
      return .done(doVfsIoctl(opened, request))
    case .epollWait(_, let maxevents, let timeoutMs):
      return doEpollWait(opened, maxevents: maxevents, timeoutMs: timeoutMs, frame: &call.frame)
    case .epollPwait(_, let maxevents, let timeoutMs, let sigmask):
      return doEpollPwait(opened, maxevents: maxevents, timeoutMs: timeoutMs, sigmask: sigmask, frame: &call.frame)
    default:
      break
    }
    guard let file = opened as? SocketFile else {
      // __sys_accept4_file checks its flags before do_accept finds no socket.
      if case .accept(_, let flags) = call.syscall, let refused = Self.checkAcceptFlags(flags) {
        return .done(refused)
      }
      return .done(.failure(.ENOTSOCK, Reason("sockfd_lookup", "descriptor \(fd) is not a socket")))
    }
    switch call.syscall {
    case .bind(_, let address):
      return .done(unixBind(file.sock, address))
    case .listen(_, let backlog):
      return .done(sysListen(file.sock, backlog: backlog))
    case .connect(_, let address):
      return sysConnect(file, address, frame: &call.frame)
    case .accept(_, let flags):
      return sysAccept(file, flags: flags, frame: &call.frame)
    case .shutdown(_, let how):
      return .done(unixShutdown(file.sock, how: how))
    case .setTimeout(_, let option, let value, let optlen):
      return .done(skSetsockopt(file.sock, option, value, optlen: optlen))
    case .getTimeout(_, let option):
      return .done(skGetsockopt(file.sock, option))
    case .send(_, let data, let flags, let address):
      return sysSendto(file, data, flags: flags, address: address, frame: &call.frame)
    case .recv(_, let length, let flags):
      return sysRecvfrom(file, length: length, flags: flags, frame: &call.frame)
    case .sendmsg(_, let message):
      return sysSendmsg(file, message, frame: &call.frame)
    case .recvmsg(_, let request):
      return sysRecvmsg(file, request, frame: &call.frame)
    case .sendmmsg(_, let messages, let flags):
      return sysSendmmsg(file, messages, flags: flags, frame: &call.frame)
    case .recvmmsg(_, let requests, let flags, let timeout):
      return sysRecvmmsg(file, requests, flags: flags, timeout: timeout, frame: &call.frame)
    case .setIntOption(_, let option, let value, let optlen):
      return skSetsockopt(file.sock, option, value, optlen: optlen)
    case .getIntOption(_, let option, let optlen):
      return skGetsockopt(file.sock, option, optlen: optlen)
    case .getName(_, let peer):
      return .done(sysGetname(file, peer: peer))
    case .getPeerCred:
      return .done(skGetsockoptPeercred(file.sock))
    case .socket, .createFile, .mkdir, .unlink, .socketpair, .sysctl, .kill, .poll, .ppoll, .select, .sigprocmask, .dup,
      .dup2, .dup3, .fcntl,
      .close, .setNonBlocking, .read, .write, .ioctl, .epollCreate, .epollCtl, .epollWait, .epollPwait, .open, .fork,
      .exitGroup,
      .wait4, .killProcess, .setuid, .setgid,
      .nanosleep, .execve, .setrlimitNofile:
      preconditionFailure("handled above")
    }
  }
}
