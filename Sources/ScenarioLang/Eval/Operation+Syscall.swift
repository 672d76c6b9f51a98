import SockKernel
import SyscallVocabulary

extension Operation {
  /// The call of an operation whose arguments are its own values and its socket's
  /// descriptor; nil for the operations whose arguments the session must resolve first (an
  /// address to connect or send to, other sockets' descriptors, a thread's id) or that change
  /// the session as they are issued (a `bind` records its address).
  ///
  /// A call that starts at once is built from this directly; the others are built by a
  /// closure when they start (``ScenarioSession/makeSyscall(_:for:by:)``). Making that
  /// closure, calling it and destroying it cost some 500 instructions a call, a twentieth of
  /// a pingpong turn (callgrind).
  ///
  /// A method of the operation, not of its kind: the kind is then read in place, where
  /// `operation.kind.plainSyscall` copied the enum and its payloads first (some 200
  /// instructions a call, callgrind).
  func plainSyscall(fd: Int32) -> Syscall? {
    switch kind {
    case .listen(let backlog): .listen(fd: fd, backlog: backlog)
    case .accept: .accept(fd: fd, flags: 0)
    case .close: .close(fd: fd)
    case .shutdown(let how): .shutdown(fd: fd, how: how)
    case .setTimeout(let option, let value, let optlen):
      .setTimeout(fd: fd, option: option, value: value, optlen: optlen)
    case .getTimeout(let option): .getTimeout(fd: fd, option: option)
    case .nonblock(let on): .setNonBlocking(fd: fd, on: on)
    case .send(let data, let flags, nil): .send(fd: fd, data: data, flags: flags, address: nil)
    case .recv(let size, let flags): .recv(fd: fd, length: size, flags: flags)
    case .recvmmsg(let sizes, let name, let control, let flags, let timeout):
      .recvmmsg(
        fd: fd, requests: sizes.map { ReceiveRequest(iov: [$0], controlLength: control ?? 0, wantsName: name) },
        flags: flags, timeout: timeout)
    case .recvmsg(let iov, let name, let control, let names, let flags):
      .recvmsg(
        fd: fd,
        request: ReceiveRequest(
          iov: iov, controlLength: control ?? (names.isEmpty ? 0 : ControlMessage.space(4 * names.count)),
          wantsName: name, flags: flags))
    case .setBuffer(let option, let value, let optlen):
      .setIntOption(fd: fd, option: option, value: value, optlen: optlen)
    case .setSwitch(let option, let on, let optlen):
      .setIntOption(fd: fd, option: option, value: on ? 1 : 0, optlen: optlen)
    case .getOption(let option, let optlen): .getIntOption(fd: fd, option: option, optlen: optlen)
    case .getPeerCred: .getPeerCred(fd: fd)
    // The name is the kernel's pick: the session learns it when the call returns.
    case .autobind: .bind(fd: fd, address: SockAddrUn(path: [], length: 2))
    case .getName(let peer): .getName(fd: fd, peer: peer)
    case .disconnect: .connect(fd: fd, address: SockAddrUn(family: UInt16(AF_UNSPEC), path: [], length: 16))
    case .dup: .dup(fd: fd)
    case .dup2(.number(let number, _), nil): .dup2(fd: fd, newfd: number)
    case .dup2(.number(let number, _), let flags?): .dup3(fd: fd, newfd: number, flags: flags)
    case .read(let size): .read(fd: fd, length: size)
    case .write(let data): .write(fd: fd, data: data)
    case .accept4(let flags, _): .accept(fd: fd, flags: flags)
    case .fcntl(let command, let arg, _): .fcntl(fd: fd, command: command, arg: arg)
    case .ioctl(let request): .ioctl(fd: fd, request: request)
    case .epollWait(let maxevents, let timeoutMs): .epollWait(epfd: fd, maxevents: maxevents, timeoutMs: timeoutMs)
    case .epollPwait(let maxevents, let timeoutMs, let sigmask):
      .epollPwait(epfd: fd, maxevents: maxevents, timeoutMs: timeoutMs, sigmask: sigmask)
    case .bind, .connect, .send, .sendmsg, .sendmmsg, .dup2, .setOwner, .epollCtl, .poll, .ppoll, .select: nil
    }
  }

  /// ``plainSyscall(fd:)`` has a call for this operation, whatever the descriptor.
  var isPlain: Bool { plainSyscall(fd: -1) != nil }
}
