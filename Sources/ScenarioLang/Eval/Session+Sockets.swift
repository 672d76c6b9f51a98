import SockKernel
import SyscallVocabulary

/// The default mapping of today's syntax onto threads, processes and descriptors: a socket
/// name declares a thread of the same name in process 1, and the socket is a descriptor of
/// that process.
extension ScenarioSession {
  /// Creates the socket's thread and queues `socket()` (and, for a server, its bind) for
  /// `caller`, or the socket's own thread; nil (after a diagnostic at `written`) when that
  /// would pass the socket limit. `expectation` checks the `socket()`.
  func declare(
    _ name: String, kind: DeclarationKind, type: SocketType, flags: Int32 = 0, expectation: Expectation? = nil,
    at written: Name, by caller: ScenarioThread? = nil
  ) -> ScenarioSocket? {
    guard socketsCreated < limits.maxSockets else {
      fail(limits.socketsExceeded(at: written.location, length: written.text.count), .scriptError)
      return nil
    }
    guard let socket = newSocket(name, at: written, in: caller?.process) else { return nil }
    socketsCreated += 1
    let location = written.location
    let thread = caller ?? socket.thread
    let task = thread.task
    socket.type = type == .raw ? .dgram : type
    let socketCall = SubmittedCall(
      thread: thread, location: location, word: kind.rawValue, expectation: expectation, acceptName: nil)
    socketCall.socket = socket
    let tag = remember(socketCall, name: "socket")
    backend.submit(task, tag: tag, syscall: .socket(type: type, protocol: 0, flags: flags))
    if kind == .server {
      defaultServer = name
      let address = SockAddrUn.filesystem(name + ".sock")
      socket.address = address
      let bindCall = SubmittedCall(
        thread: thread, location: location, word: "bind", expectation: nil, acceptName: nil)
      bindCall.socket = socket
      let bindTag = remember(bindCall, name: "bind")
      let process = thread.process
      backend.submit(task, tag: bindTag) { [unowned socket] in .bind(fd: socket.fd(in: process), address: address) }
    }
    return socket
  }

  /// The socket `name` stands for now; nil, after an error, when there is none yet.
  func existingSocket(_ name: Name, notes: [String] = []) -> ScenarioSocket? {
    let text = resolved(name)
    if let socket = sockets[text] { return socket }
    var notes = notes.map { Diagnostic.Note($0) }
    if let maker = names.socketTemplates.first(where: { $0.template.canProduce(text) }) {
      notes = [
        maker.site.note(in: names.file) {
          $0.map { "no iteration of the 'repeat' that declares '\(maker.name.text)' (at \($0)) made '\(text)'" }
            ?? "no iteration of this 'repeat', which declares '\(maker.name.text)', made '\(text)'"
        }
      ]
    }
    fail(
      Diagnostic(
        "socket '\(text)' does not exist yet", at: name.location, length: name.text.count, notes: notes),
      .scriptError)
    return nil
  }

  /// A new socket named `name`, declared at `written`, with its own thread in `process`
  /// (the default mapping). A declaration that runs again (in its `repeat`) reuses its
  /// thread, as a program's loop would, so a million iterations cost one task; a name
  /// declared elsewhere is an error.
  func newSocket(_ name: String, at written: Name, in process: ScenarioProcess? = nil) -> ScenarioSocket? {
    let site = names.site(written.location)
    if let earlier = sockets[name] {
      guard earlier.site == site else {
        fail(
          Diagnostic(
            "socket '\(name)' is already declared", at: written.location, length: written.text.count,
            notes: [earlier.site?.pickAnotherName(in: names.file) ?? Diagnostic.Note("pick another name")]),
          .scriptError)
        return nil
      }
      let socket =
        earlier.threadIfMade.map { ScenarioSocket(name: name, thread: $0, site: site) }
        ?? ScenarioSocket(name: name, in: earlier.process, site: site)
      sockets[name] = socket
      return socket
    }
    // A socket's thread is found by the socket's name (``thread(named:)``), so the name
    // cannot be a declared thread's as well, which a name made in a `repeat` could be (the
    // check refused a plain one, and `main`, which no template makes, is always declared:
    // the look-up hashes the name only when it can find something).
    if written.template != nil, declaredThreads.count > 1, let thread = declaredThreads[name] {
      fail(
        Diagnostic(
          "'\(name)' is already a thread, and a socket's name is its own thread's", at: written.location,
          length: written.text.count,
          notes: [thread.site?.pickAnotherName(in: names.file) ?? Diagnostic.Note("pick another name")]),
        .scriptError)
      return nil
    }
    let socket = ScenarioSocket(name: name, in: process ?? initialProcess, site: site)
    sockets[name] = socket
    return socket
  }

  /// `socket`, `socketpair` or `accept` returned `fd` for `socket`: the descriptor now
  /// names it in its process, and its inode names its wait queues.
  func opened(_ socket: ScenarioSocket, fd: Int32, inode: Int?, in process: ScenarioProcess? = nil) {
    socket.fd = fd
    (process ?? socket.process).descriptors[fd] = OpenFile(socket: socket)
    if let inode { socketNames[inode] = socket.name }
  }

  /// `dup`, `dup2` or `dup3` of `socket` returned `fd`: a new name for it (`dup as NAME`,
  /// `dup2 N as NAME`) with its own thread in the caller's process, or the name whose
  /// descriptor it replaced; either now stands for `socket`'s socket. Wait queues keep the
  /// socket's first name. Returns the new name, for the trace.
  func duplicated(_ socket: ScenarioSocket, fd: Int32, call: SubmittedCall) -> String? {
    if let target = call.dupTarget {
      target.type = socket.type
      target.address = socket.address
      return nil
    }
    // A name with a thread counts against the limit as an accepted socket does. The new
    // descriptor is in the caller's table, so the name and its thread are its process's.
    socketsCreated += 1
    let process = call.thread.process
    guard let name = call.acceptAs, let written = call.acceptName,
      let copy = newSocket(name, at: written, in: process)
    else { return nil }
    copy.type = socket.type
    copy.address = socket.address
    opened(copy, fd: fd, inode: nil, in: process)
    return name
  }

  /// `recvmsg … rights as NAME, …` returned descriptors: each name, in order, now stands for
  /// the next one, with its own thread, and for the socket it refers to (its type and
  /// address; its wait queues keep the name they have). Descriptors beyond the names stay
  /// unnamed, as an `accept` without `as` does.
  func receivedRights(_ message: ReceivedMessage, call: SubmittedCall, in process: ScenarioProcess) {
    for (i, fd) in message.rights.enumerated() where i < call.rightsAs.count {
      socketsCreated += 1
      let (written, name) = call.rightsAs[i]
      guard let received = newSocket(name, at: written, in: process) else { return }
      let inode = i < message.rightsInodes.count ? message.rightsInodes[i] : nil
      if let inode, let known = socketNames[inode].flatMap({ sockets[$0] }) {
        received.type = known.type
        received.address = known.address
      }
      opened(received, fd: fd, inode: nil, in: process)
      if let inode, socketNames[inode] == nil { socketNames[inode] = name }
    }
  }

  /// `open "PATH" as NAME`: NAME's new thread opens the file, run to completion; NAME then
  /// stands for a descriptor that is not a socket (socket calls on it are ENOTSOCK).
  func runOpen(
    _ path: String, as written: Name, expectation: Expectation?, at location: SourceLocation,
    by caller: ScenarioThread? = nil
  ) {
    runOpen(.open(path: path), word: "open", as: written, expectation: expectation, at: location, by: caller)
  }

  /// A statement that makes a named descriptor other than a socket: `open PATH as NAME`
  /// (`openat`) or `epoll NAME` (`epoll_create1`), made by `caller` or the name's own thread.
  func runOpen(
    _ syscall: Syscall, word: String, as written: Name, expectation: Expectation?, at location: SourceLocation,
    by caller: ScenarioThread? = nil
  ) {
    guard socketsCreated < limits.maxSockets else {
      fail(limits.socketsExceeded(at: written.location, length: written.text.count), .scriptError)
      return
    }
    guard let file = newSocket(resolved(written), at: written, in: caller?.process) else { return }
    socketsCreated += 1
    let thread = caller ?? file.thread
    let call = SubmittedCall(
      thread: thread, location: location, word: word, expectation: expectation, acceptName: nil)
    call.socket = file
    let tag = remember(call, name: syscall.name)
    let task = thread.task
    backend.submit(task, tag: tag, syscall: syscall)
    runKernel(blocking: task) { self.backend.isIdle(task) }
  }

  /// `close` of `socket`'s descriptor `fd` by a thread of `process` returned 0: the number
  /// is free there; other processes' copies of the table keep it.
  func closed(_ socket: ScenarioSocket, fd: Int32, in process: ScenarioProcess) {
    process.descriptors[fd] = nil
  }

}
