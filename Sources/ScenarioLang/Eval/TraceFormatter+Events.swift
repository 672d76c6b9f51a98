import SockKernel
import SyscallVocabulary

/// The text of each event's trace line after its time and actor. The session resolves the
/// names (sockets, queues, tasks) and passes them in; every word of the trace is here.
extension TraceFormatter {
  /// `accept(server) = 5 (as s0)`; a call that slept first returns as
  /// `<... recv resumed> "hi" = 2`; `owner` names the thread whose tid F_GETOWN returned. `call` is the call as ``call(_:socket:result:name:pairNames:)``
  /// shows it (not needed for a resumed call); `created` names an accepted socket, `sender`
  /// is a datagram's sender. The text comes in two parts, the call and what follows it,
  /// which ``line(_:_:_:tail:)`` writes without joining them first: growing the call's
  /// string for ` = 3` was a reallocation and a copy a line.
  static func returned(
    _ syscall: Syscall, _ outcome: SyscallOutcome, resumed: Bool, call: @autoclosure () -> String,
    name: (Int32) -> String, created: String?, sender: SockAddrUn?, owner: String? = nil
  ) -> (head: String, tail: String) {
    var shown = outcome.data.map { " " + data($0) } ?? outcome.waitStatus.map { " " + waitStatus($0) } ?? ""
    if case .recvmsg(_, let request) = syscall { shown = " " + receivedHeader(request, result: outcome, name: name) }
    if let events = outcome.epollEvents { shown = " " + epollEvents(events) }
    if case .recvmmsg(_, let requests, _, _) = syscall {
      shown = " " + receivedBatch(requests, result: outcome, name: name)
    }
    let head = resumed ? "<... \(syscall.name) resumed>" + shown : call()
    var tail: String
    if case .fcntl(_, let command, _) = syscall, outcome.errno == nil,
      let flags = fcntlResult(command, outcome.value)
    {
      tail = " " + flags
    } else if let owner {
      // F_GETOWN of a thread owner returns its tid, which the trace names.
      tail = " = \(owner)"
    } else {
      tail = resultTail(outcome)
    }
    if let revents = outcome.revents {
      switch syscall {
      case .poll(let fds, _), .ppoll(let fds, _, _): tail += self.revents(fds, revents, name: name)
      default: break
      }
    }
    if let selected = outcome.selected { tail += self.selected(selected, name: name) }
    if let created { tail += " (as \(created))" }
    if let sender { tail += " (from \(sender.display))" }
    return (head, tail)
  }

  /// `connect(c1, "server.sock") <blocked on server.peer_wait, …>`, or
  /// `<... connect blocked again on …>` after a wake-up; `how` is ``block(_:queues:left:)``'s
  /// text, nil when the backend cannot see where the call sleeps.
  static func blocked(_ syscall: Syscall, call: @autoclosure () -> String, again: Bool, how: String?) -> String {
    let how = how.map { " " + $0 } ?? ""
    return again ? "<... \(syscall.name) blocked again\(how)>" : call() + " <blocked\(how)>"
  }

  /// `<... accept woken by c1 on server.wq>`.
  static func woken(_ syscall: Syscall, by waker: String, on queue: String) -> String {
    "<... \(syscall.name) woken by \(waker) on \(queue)>"
  }

  /// `<... connect timed out on server.peer_wait>`; a `poll` with no open socket slept on
  /// no queue.
  static func timedOut(_ syscall: Syscall, on queues: String) -> String {
    "<... \(syscall.name) timed out\(queues.isEmpty ? "" : " on \(queues)")>"
  }

  /// `<... recv interrupted by SIGUSR1>`.
  static func interrupted(_ syscall: Syscall, by signal: Signal) -> String {
    "<... \(syscall.name) interrupted by \(signal)>"
  }

  /// `<... recv restarted: the SIGUSR2 handler has SA_RESTART>`.
  static func restarted(_ syscall: Syscall, after signal: Signal) -> String {
    "<... \(syscall.name) restarted: the \(signal) handler has SA_RESTART>"
  }

  /// The line of a call that can never return, printed when the run stalls.
  static func blocksForever(_ syscall: Syscall, on queues: String) -> String {
    let on = queues.isEmpty ? "" : " on " + queues
    return "<... \(syscall.name) blocks forever\(on): no timeout, and no task or timer left to wake it>"
  }

  /// What strace prints when a SIGPIPE is delivered…
  static let sigpipeDelivered = "--- SIGPIPE {si_signo=SIGPIPE, si_code=SI_USER} ---"
  /// …and when its default action kills the process.
  static let killedBySigpipe = [sigpipeDelivered, "+++ killed by SIGPIPE +++"]

  /// The actor column of a kernel log line.
  static let kernelActor = "kernel"
  /// The actor of a `state` table's line.
  static let stateActor = "state"

  /// `--explain`'s line under a sleep or an error, indented past the time and actor
  /// columns: `why: unix_wait_for_peer: …`.
  static func why(_ reason: Reason) -> String { why(reason.description) }

  /// A line under the one before it, aligned with its text (a `state` table's rows).
  static func continuation(_ text: String) -> String {
    String(repeating: " ", count: 9 + actorWidth) + " " + text
  }

  /// `why: FUNCTION: CHECK`, under the line it explains.
  static func why(_ reason: String) -> String {
    String(repeating: " ", count: 9 + actorWidth) + "  why: \(reason)"
  }
}
