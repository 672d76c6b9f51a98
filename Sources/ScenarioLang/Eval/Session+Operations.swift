import SockKernel
import SyscallVocabulary

extension ScenarioSession {
  /// Queues each operation as a system call of `thread` on the socket's descriptor.
  func submit(_ operations: [Operation], for socket: ScenarioSocket, by thread: ScenarioThread) {
    for operation in operations {
      let process = thread.process
      // Nothing can change the descriptor before a call that starts at once starts: its
      // arguments are built now, and without a closure when they are the operation's own.
      let atOnce = backend.startsAtOnce(thread.task)
      var arguments = atOnce ? operation.plainSyscall(fd: socket.fd(in: process)) : nil
      var make: ((Int32) -> Syscall)?
      if arguments == nil {
        guard let syscall = makeSyscall(operation, for: socket, by: thread) else { return }
        if atOnce { arguments = syscall(socket.fd(in: process)) } else { make = syscall }
      }
      let call = SubmittedCall(
        thread: thread, location: operation.location, word: operation.word, expectation: operation.expectation,
        acceptName: nil)
      call.socket = socket
      if let names = operation.callNames { give(names, to: call) }
      // Handed over, not copied: the kernel keeps the arguments in the call's record.
      if let arguments = arguments.take() {
        let tag = remember(call, name: arguments.name)
        backend.submit(thread.task, tag: tag, syscall: arguments)
      } else if let make {
        let tag = remember(call, name: make(-1).name)
        backend.submit(thread.task, tag: tag) { [unowned socket] in make(socket.fd(in: process)) }
      }
    }
  }

  /// The names an operation gives the call that makes it, loop variables resolved now.
  private func give(_ names: Operation.CallNames, to call: SubmittedCall) {
    if let made = names.made {
      call.acceptName = made
      call.acceptAs = resolved(made)
    }
    if let replaced = names.replaced { call.dupTarget = sockets[resolved(replaced)] }
    if !names.rights.isEmpty { call.rightsAs = names.rights.map { ($0, resolved($0)) } }
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
    case .connect(let target):
      guard let sockaddr = resolve(target, at: operation.location) else { return nil }
      return { .connect(fd: $0, address: sockaddr) }
    case .send(let data, let flags, let target?):
      guard let sockaddr = resolve(target, at: operation.location) else { return nil }
      return { .send(fd: $0, data: data, flags: flags, address: sockaddr) }
    case .sendmsg(let iov, let parts):
      guard let messages = sendMessages([iov], parts, at: operation.location, by: thread) else { return nil }
      return { fd in .sendmsg(fd: fd, message: messages(fd)[0]) }
    case .sendmmsg(let datas, let parts):
      guard let messages = sendMessages(datas.map { [$0] }, parts, at: operation.location, by: thread) else {
        return nil
      }
      let flags = parts.flags
      return { fd in .sendmmsg(fd: fd, messages: messages(fd), flags: flags) }
    case .dup2(.socket(let name), let flags):
      guard let other = existingSocket(name) else { return nil }
      guard let flags else { return { [unowned other] in .dup2(fd: $0, newfd: other.fd ?? -1) } }
      return { [unowned other] in .dup3(fd: $0, newfd: other.fd ?? -1, flags: flags) }
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
      let process = thread.process
      return { fd in
        // The target's descriptor as the calling thread's process has it, when the call starts.
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
      let process = socket.process
      return { _ in
        // The descriptors as the calling thread's process has them when the call starts.
        // A closed socket's descriptor (-1) has no bit in an fd_set: it is left out.
        let fds = resolved.map { $0?.map { $0.fd(in: process) }.filter { $0 >= 0 }.sorted() }
        let highest = fds.compactMap { $0?.max() }.max()
        return .select(
          SelectRequest(
            variant: sets.pselect ? .pselect6 : .select, nfds: highest.map { $0 + 1 } ?? 0, read: fds[0],
            write: fds[1], except: fds[2], timeout: sets.timeout, sigmask: sets.sigmask))
      }
    default:
      // Arguments of its own (Operation+Syscall.swift), built when the call starts.
      guard operation.isPlain else { preconditionFailure("\(operation.word) has no call built for it") }
      return { operation.plainSyscall(fd: $0)! }
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
    let process = socket.process
    return {
      zip(polled, events).map { PollRequest(fd: $0.fd(in: process), events: $1) }
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
