import SockKernel
import SyscallVocabulary

/// The one path of every event of either backend: first recorded (the names and
/// descriptors a call created or closed, the call log), then rendered as trace lines
/// (Session+Trace.swift), then checked (Session+Checks.swift).
extension ScenarioSession {
  func handle(_ event: KernelEvent, at now: Nanoseconds) {
    switch event {
    case .returned(let record, let outcome, let resumed):
      // Only the calls the session submitted are shown and checked.
      guard let call = calls.removeValue(forKey: record.tag) else { return }
      let created = adopt(record, outcome, call)
      callLog?.returned(tag: record.tag, outcome: outcome, startedAt: record.startedAt, at: now)
      if tracing { traceReturn(record, outcome, resumed: resumed, of: call, created: created, at: now) }
      checkReturn(record, outcome, of: call, at: now)
    case .blocked(let record, let info, _):
      calls[record.tag]?.blockedIn = record.syscall.name
      callLog?.blocked(tag: record.tag, startedAt: record.startedAt, timeout: info?.timeout, deadline: info?.expiresAt)
      if tracing { trace(event, at: now) }
    case .timedOut(let record, _):
      callLog?.timedOut(tag: record.tag)
      if tracing { trace(event, at: now) }
    case .woken:
      guard countWakeup() else { return }
      if tracing { trace(event, at: now) }
    case .interrupted, .restarted, .log:
      if tracing { trace(event, at: now) }
    case .collected:
      // Why sockets went away: shown with --explain, as the reasons of failed calls are.
      if tracing && explain { trace(event, at: now) }
    case .processEnded(let pid, let tasks, let end):
      processEnded(pid: pid, tasks: tasks, end: end, at: now)
    case .execed(let pid, let caller, let ended, let closed):
      execed(pid: pid, by: caller, ended: ended, closed: closed, at: now)
    case .notModelled(let record, let what):
      abandon(
        record, "\(what) is not modelled yet", notes: ["the model does not implement this kernel path yet"],
        .scriptError)
    case .cannotRun(let record, let why):
      abandon(record, "the kernel backend cannot run \(record.syscall.name): \(why)", notes: [], .internalError)
    }
  }

  /// Records what a successful call created or destroyed; returns an accepted socket's name.
  func adopt(_ record: CallRecord, _ outcome: SyscallOutcome, _ call: SubmittedCall) -> String? {
    guard outcome.errno == nil else { return nil }
    // Looked up only by the calls that create or close a descriptor: most calls do neither.
    var caller: ScenarioProcess { call.thread.process }
    if case .fork = record.syscall { return forked(call, pid: Int32(outcome.value), child: outcome.child) }
    guard let socket = call.socket else { return nil }
    switch record.syscall {
    case .bind(_, let address) where address.length == 2:
      // An autobind: later statements reach the socket by the name the kernel chose.
      if let name = outcome.name { socket.address = name }
    case .getName(_, peer: false) where socket.address == nil:
      // A name the kernel gave without a bind (a connect or send that SO_PASSCRED
      // autobinds): once read, later statements reach the socket by it.
      if let name = outcome.name, name.length > 2 { socket.address = name }
    case .socket:
      opened(socket, fd: Int32(outcome.value), inode: outcome.inode, in: caller)
      // Made by another thread, the line names the socket as an accept's does.
      if call.actor != socket.name { return socket.name }
    case .close(let fd):
      closed(socket, fd: fd, in: caller)
    case .socketpair:
      guard let pair = outcome.pair, let second = call.pair else { return nil }
      opened(socket, fd: pair.fds.0, inode: pair.inodes.0, in: caller)
      opened(second, fd: pair.fds.1, inode: pair.inodes.1, in: caller)
    case .accept:
      // An accepted socket counts against the limit whether or not it gets a name.
      socketsCreated += 1
      // Without `as NAME` the accepted socket stays anonymous: nothing can use it.
      guard let name = call.acceptAs, let written = call.acceptName,
        let accepted = newSocket(name, at: written, in: caller)
      else { return nil }
      accepted.type = socket.type
      opened(accepted, fd: Int32(outcome.value), inode: outcome.inode)
      return name
    case .open:
      opened(socket, fd: Int32(outcome.value), inode: nil)
      return socket.name
    case .epollCreate:
      // The inode names the instance's wait queues in the trace.
      opened(socket, fd: Int32(outcome.value), inode: outcome.inode)
      return socket.name
    case .dup, .dup2, .dup3, .fcntl(_, .F_DUPFD, _), .fcntl(_, .F_DUPFD_CLOEXEC, _):
      return duplicated(socket, fd: Int32(outcome.value), call: call)
    case .recvmsg:
      if let message = outcome.message { receivedRights(message, call: call, in: caller) }
    default:
      break
    }
    return nil
  }
}
