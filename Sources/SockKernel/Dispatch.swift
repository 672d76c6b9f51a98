import SyscallVocabulary

/// The system call table: from a ``Syscall`` to the kernel function that serves it,
/// through the socket layer (`net/socket.c`) and AF_UNIX's `proto_ops`.
extension Kernel {
  func dispatch(_ call: ActiveCall) -> SyscallStep {
    switch call.record.syscall {
    case .socket(let type, let proto):
      return .done(sysSocket(type: type, protocol: proto))
    case .createFile(let path):
      return .done(sysMknodRegular(path))
    case .mkdir(let path):
      return .done(sysMkdir(path))
    case .unlink(let path):
      return .done(sysUnlink(path))
    case .socketpair(let type):
      return .done(sysSocketpair(type: type))
    case .sysctl(let sysctl, let value):
      return .done(sysSysctl(sysctl, value))
    case .kill(let task, let signal):
      return .done(sysTgkill(task, signal))
    case .poll(let fds, let timeoutMs):
      return sysPoll(fds, timeoutMs: timeoutMs, frame: &call.frame)
    case .fork:
      return .done(kernelClone(tasks[call.record.task.rawValue]))
    case .exitGroup(let status):
      return sysExitGroup(tasks[call.record.task.rawValue], status: status)
    case .wait4(let pid):
      return kernelWait4(tasks[call.record.task.rawValue], pid: pid, frame: &call.frame)
    case .killProcess(let pid, let signal):
      return .done(sysKill(pid: pid, signal))
    case .setuid(let uid):
      return .done(sysSetuid(tasks[call.record.task.rawValue], uid))
    case .setgid(let gid):
      return .done(sysSetgid(tasks[call.record.task.rawValue], gid))
    case .nanosleep(let duration):
      return hrtimerNanosleep(duration, frame: &call.frame)
    case .close(let fd):
      // close_fd takes the descriptor out of the table itself, with no fdget.
      return .done(sysClose(fd))
    default:
      break
    }
    // The file the call's first entry took with fdget: a call that slept goes on with it
    // even if another thread has closed the descriptor meanwhile.
    guard let file = call.file ?? fdget(call.record.syscall.fd, for: call) else {
      return .done(.failure(.EBADF, Kernel.badDescriptor))
    }
    switch call.record.syscall {
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
    case .setNonBlocking(_, let on):
      file.nonBlocking = on
      return .done(.success())
    case .send(_, let data, let flags, let address):
      return sysSendto(file, data, flags: flags, address: address, frame: &call.frame)
    case .recv(_, let length, let flags):
      return sysRecvfrom(file, length: length, flags: flags, frame: &call.frame)
    case .setIntOption(_, let option, let value):
      return .done(skSetsockopt(file.sock, option, value))
    case .getIntOption(_, let option):
      return .done(skGetsockopt(file.sock, option))
    case .socket, .createFile, .mkdir, .unlink, .socketpair, .sysctl, .kill, .poll, .close, .fork, .exitGroup, .wait4,
      .killProcess, .setuid, .setgid, .nanosleep:
      preconditionFailure("handled above")
    }
  }
}
