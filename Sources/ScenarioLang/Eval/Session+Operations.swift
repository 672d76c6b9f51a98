import SockKernel
import SyscallVocabulary

extension ScenarioSession {
  /// Queues each operation as a system call of `thread` on the socket's descriptor.
  func submit(_ operations: [Operation], for socket: ScenarioSocket, by thread: ScenarioThread) {
    for operation in operations {
      guard let syscall = makeSyscall(operation, for: socket, by: thread) else { return }
      var call = SubmittedCall(
        thread: thread, location: operation.location, word: operation.word, expectation: operation.expectation,
        acceptName: nil)
      call.socket = socket
      if let name = operation.kind.newName {
        call.acceptName = name
        call.acceptAs = resolved(name)
      }
      if case .dup2(.socket(let target), _) = operation.kind { call.dupTarget = sockets[resolved(target)] }
      if case .recvmsg(_, _, _, let names, _) = operation.kind {
        call.rightsAs = names.map { ($0, resolved($0)) }
      }
      let process = thread.process
      if backend.startsAtOnce(thread.task) {
        // Nothing can change the descriptor before the call starts: no closure to keep.
        let arguments = syscall(socket.fd(in: process))
        let tag = remember(call, name: arguments.name)
        backend.submit(thread.task, tag: tag, syscall: arguments)
      } else {
        let tag = remember(call, name: syscall(-1).name)
        backend.submit(thread.task, tag: tag) { [unowned socket] in syscall(socket.fd(in: process)) }
      }
    }
  }

  /// The call an operation makes by `thread`, given the socket's descriptor when the call
  /// starts; nil (after a diagnostic) when the operation cannot be issued.
  func makeSyscall(
    _ operation: Operation, for socket: ScenarioSocket, by thread: ScenarioThread
  ) -> ((Int32) -> Syscall)? {
    switch operation.kind {
    case .bind(let address):
      let sockaddr = address.sockaddr
      socket.address = sockaddr
      return { .bind(fd: $0, address: sockaddr) }
    case .listen(let backlog):
      return { .listen(fd: $0, backlog: backlog) }
    case .connect(let target):
      guard let sockaddr = resolve(target, at: operation.location) else { return nil }
      return { .connect(fd: $0, address: sockaddr) }
    case .accept:
      return { .accept(fd: $0, flags: 0) }
    case .close:
      return { .close(fd: $0) }
    case .shutdown(let how):
      return { .shutdown(fd: $0, how: how) }
    case .setTimeout(let option, let value, let optlen):
      return { .setTimeout(fd: $0, option: option, value: value, optlen: optlen) }
    case .getTimeout(let option):
      return { .getTimeout(fd: $0, option: option) }
    case .nonblock(let on):
      return { .setNonBlocking(fd: $0, on: on) }
    case .send(let data, let flags, let target):
      guard let target else { return { .send(fd: $0, data: data, flags: flags, address: nil) } }
      guard let sockaddr = resolve(target, at: operation.location) else { return nil }
      return { .send(fd: $0, data: data, flags: flags, address: sockaddr) }
    case .recv(let size, let flags):
      return { .recv(fd: $0, length: size, flags: flags) }
    case .sendmsg(let iov, let parts):
      guard let messages = sendMessages([iov], parts, at: operation.location, by: thread) else { return nil }
      return { fd in .sendmsg(fd: fd, message: messages(fd)[0]) }
    case .sendmmsg(let datas, let parts):
      guard let messages = sendMessages(datas.map { [$0] }, parts, at: operation.location, by: thread) else {
        return nil
      }
      let flags = parts.flags
      return { fd in .sendmmsg(fd: fd, messages: messages(fd), flags: flags) }
    case .recvmmsg(let sizes, let name, let control, let flags, let timeout):
      let requests = sizes.map { ReceiveRequest(iov: [$0], controlLength: control ?? 0, wantsName: name) }
      return { .recvmmsg(fd: $0, requests: requests, flags: flags, timeout: timeout) }
    case .recvmsg(let iov, let name, let control, let names, let flags):
      let request = ReceiveRequest(
        iov: iov, controlLength: control ?? (names.isEmpty ? 0 : ControlMessage.space(4 * names.count)),
        wantsName: name, flags: flags)
      return { .recvmsg(fd: $0, request: request) }
    case .setBuffer(let option, let value, let optlen):
      return { .setIntOption(fd: $0, option: option, value: value, optlen: optlen) }
    case .setSwitch(let option, let on, let optlen):
      return { .setIntOption(fd: $0, option: option, value: on ? 1 : 0, optlen: optlen) }
    case .getOption(let option, let optlen):
      return { .getIntOption(fd: $0, option: option, optlen: optlen) }
    case .getPeerCred:
      return { .getPeerCred(fd: $0) }
    case .autobind:
      // The name is the kernel's pick: the session learns it when the call returns.
      let family = SockAddrUn(path: [], length: 2)
      return { .bind(fd: $0, address: family) }
    case .getName(let peer):
      return { .getName(fd: $0, peer: peer) }
    case .disconnect:
      let unspec = SockAddrUn(family: UInt16(AF_UNSPEC), path: [], length: 16)
      return { .connect(fd: $0, address: unspec) }
    case .dup:
      return { .dup(fd: $0) }
    case .dup2(let target, let flags):
      let onto: () -> Int32
      switch target {
      case .socket(let name):
        guard let other = existingSocket(name) else { return nil }
        onto = { [unowned other] in other.fd ?? -1 }
      case .number(let number, _):
        onto = { number }
      }
      guard let flags else { return { .dup2(fd: $0, newfd: onto()) } }
      return { .dup3(fd: $0, newfd: onto(), flags: flags) }
    case .read(let size):
      return { .read(fd: $0, length: size) }
    case .write(let data):
      return { .write(fd: $0, data: data) }
    case .accept4(let flags, _):
      return { .accept(fd: $0, flags: flags) }
    case .fcntl(let command, let arg, _):
      return { .fcntl(fd: $0, command: command, arg: arg) }
    case .setOwner(let name, thread: true):
      guard let owner = namedThread(name!) else { return nil }
      let task = Int32(owner.task.rawValue)
      return { .fcntl(fd: $0, command: .F_SETOWN_EX, arg: task) }
    case .setOwner(let name, thread: false):
      var pid: Int32 = 0
      if let name {
        if name.text == Keyword.main.rawValue {
          pid = initialProcess.pid
        } else {
          guard let process = namedProcess(name) else { return nil }
          pid = process.pid
        }
      }
      return { [pid] in .fcntl(fd: $0, command: .F_SETOWN, arg: pid) }
    case .ioctl(let request):
      return { .ioctl(fd: $0, request: request) }
    case .epollCtl(let op, let name, let events, let data):
      guard let target = existingSocket(name) else { return nil }
      return { [unowned self] fd in
        // The target's descriptor as the calling thread's process has it, when the call starts.
        let process = self.threads[thread.name]?.process ?? socket.process
        let targetFd = target.fd(in: process)
        let event = EpollEvent(events: events, data: data ?? UInt64(bitPattern: Int64(targetFd)))
        return .epollCtl(epfd: fd, op: op, fd: targetFd, event: event)
      }
    case .epollWait(let maxevents, let timeoutMs):
      return { .epollWait(epfd: $0, maxevents: maxevents, timeoutMs: timeoutMs) }
    case .epollPwait(let maxevents, let timeoutMs, let sigmask):
      return { .epollPwait(epfd: $0, maxevents: maxevents, timeoutMs: timeoutMs, sigmask: sigmask) }
    case .poll(let items, let timeoutMs):
      guard let requests = pollRequests(items, of: socket) else { return nil }
      return { _ in .poll(fds: requests(), timeoutMs: timeoutMs) }
    case .ppoll(let items, let timeout, let sigmask):
      guard let requests = pollRequests(items, of: socket) else { return nil }
      return { _ in .ppoll(fds: requests(), timeout: timeout, sigmask: sigmask) }
    case .select(let sets):
      var resolved: [[ScenarioSocket]?] = []
      for set in [sets.read, sets.write, sets.except] {
        guard let names = set else {
          resolved.append(nil)
          continue
        }
        var members: [ScenarioSocket] = []
        for name in names {
          guard let member = existingSocket(name) else { return nil }
          members.append(member)
        }
        resolved.append(members)
      }
      return { [unowned self] _ in
        // The descriptors as the calling thread's process has them when the call starts.
        let process = self.threads[socket.thread.name]?.process ?? socket.process
        // A closed socket's descriptor (-1) has no bit in an fd_set: it is left out.
        let fds = resolved.map { $0?.map { $0.fd(in: process) }.filter { $0 >= 0 }.sorted() }
        let highest = fds.compactMap { $0?.max() }.max()
        return .select(
          SelectRequest(
            variant: sets.pselect ? .pselect6 : .select, nfds: highest.map { $0 + 1 } ?? 0, read: fds[0],
            write: fds[1], except: fds[2], timeout: sets.timeout, sigmask: sets.sigmask))
      }
    }
  }

  /// The `pollfd`s of a `poll` or `ppoll` (an item without a name is the socket's own), with
  /// the descriptors as the calling thread's process has them when the call starts; nil
  /// (after a diagnostic) when a name cannot be resolved.
  private func pollRequests(_ items: [PollItem], of socket: ScenarioSocket) -> (() -> [PollRequest])? {
    var polled: [ScenarioSocket] = []
    for item in items {
      guard let name = item.name else {
        polled.append(socket)
        continue
      }
      guard let other = existingSocket(name) else { return nil }
      polled.append(other)
    }
    let events = items.map(\.events)
    return { [unowned self] in
      let process = self.threads[socket.thread.name]?.process ?? socket.process
      return zip(polled, events).map { PollRequest(fd: $0.fd(in: process), events: $1) }
    }
  }

  /// The messages a `sendmsg` or `sendmmsg` sends, one per list of iovecs, each with the
  /// parts; the descriptors of `rights` as the calling thread's process has them when the
  /// call starts. Nil (after a diagnostic) when a name cannot be resolved.
  func sendMessages(
    _ iovs: [[Payload]], _ parts: SendParts, at location: SourceLocation, by thread: ScenarioThread
  ) -> ((Int32) -> [SendMessage])? {
    var address: SockAddrUn?
    if let target = parts.target {
      guard let resolved = resolve(target, at: location) else { return nil }
      address = resolved
    }
    var sent: [ScenarioSocket] = []
    for name in parts.rights {
      guard let other = existingSocket(name) else { return nil }
      sent.append(other)
    }
    let process = thread.process
    return { _ in
      let rights = sent.map { $0.fd(in: process) }
      return iovs.map {
        SendMessage(
          iov: $0, address: address, credentials: parts.credentials, rights: rights, raw: parts.raw,
          flags: parts.flags)
      }
    }
  }

  /// The address a `connect` goes to.
  func resolve(_ target: ConnectTarget?, at location: SourceLocation) -> SockAddrUn? {
    switch target {
    case .address(let address):
      return address.sockaddr
    case .socket(let name):
      if let address = sockets[resolved(name)]?.address { return address }
      fail(
        Diagnostic(
          "'\(resolved(name))' has no address to connect to", at: name.location, length: name.text.count,
          notes: ["bind it first, or connect to an address: connect \"path\" or connect @name"]), .scriptError)
      return nil
    case nil:
      if let server = defaultServer, let address = sockets[server]?.address { return address }
      fail(
        Diagnostic(
          "'connect' has no server to go to", at: location, length: "connect".count,
          notes: ["declare one first ('server listen 5') or give an address: connect \"path\""]), .scriptError)
      return nil
    }
  }
}
