import SockKernel
import SyscallVocabulary

extension StateTable {
  /// The columns of the full table, in order.
  enum Column: CaseIterable {
    case socket, fd, type, state, recvQ, sendQ, local, peer, sndtimeo, rcvtimeo, flags

    var title: String {
      switch self {
      case .socket: "Socket"
      case .fd: "Fd"
      case .type: "Type"
      case .state: "State"
      case .recvQ: "Recv-Q"
      case .sendQ: "Send-Q"
      case .local: "Local"
      case .peer: "Peer"
      case .sndtimeo: "SndTimeo"
      case .rcvtimeo: "RcvTimeo"
      case .flags: "Flags"
      }
    }

    /// Aligned to the right.
    var isNumeric: Bool { self == .fd || self == .recvQ || self == .sendQ }
  }

  /// One socket's cells, and the lines under its row.
  struct Cells {
    private let cells: [Column: String]
    /// A listener's backlog and queue, then who sleeps on each of the socket's wait queues.
    let details: [String]

    init(_ socket: SocketSnapshot, name: (Int) -> String, clock: VirtualClock) {
      var flags: [String] = []
      if socket.nonBlocking { flags.append("nonblock") }
      if socket.shutdown.contains(.RCV_SHUTDOWN) { flags.append("shut-rd") }
      if socket.shutdown.contains(.SEND_SHUTDOWN) { flags.append("shut-wr") }
      if let listener = socket.queuedOn { flags.append("queued on \(name(listener))") }
      if socket.scmFds > 0 { flags.append("scm_fds=\(socket.scmFds)") }
      if socket.inFlight { flags.append("in flight") }
      cells = [
        .socket: socket.fd == nil ? "  " + name(socket.inode) : name(socket.inode),
        .fd: socket.fd.map { "\($0)" } ?? "-",
        .type: StateTable.typeWord(socket.type),
        .state: StateTable.stateWord(socket.state),
        .recvQ: "\(socket.recvQ)",
        .sendQ: "\(socket.sendQ)",
        .local: socket.address?.display ?? "*",
        .peer: socket.peerInode.map(name) ?? "*",
        .sndtimeo: StateTable.timeout(socket.sndtimeo, clock),
        .rcvtimeo: StateTable.timeout(socket.rcvtimeo, clock),
        .flags: flags.isEmpty ? "-" : flags.joined(separator: ","),
      ]
      details = StateTable.details(socket, name: name)
    }

    subscript(column: Column) -> String { cells[column] ?? "" }

    /// The line that says what the columns left out of the table hold, where it is not
    /// the default (`*`, `forever`, `-`): e.g. `local "a.sock", peer c1; sndtimeo 1.000000`.
    func movedOut(of shown: [Column]) -> String {
      func named(_ columns: [(Column, String)], unless empty: String) -> [String] {
        columns.filter { !shown.contains($0.0) && self[$0.0] != empty }.map { "\($0.1) \(self[$0.0])" }
      }
      let addresses = named([(.local, "local"), (.peer, "peer")], unless: "*")
      let timeouts = named([(.sndtimeo, "sndtimeo"), (.rcvtimeo, "rcvtimeo")], unless: "forever")
      let flags = shown.contains(.flags) || self[.flags] == "-" ? [] : [self[.flags].replacing(",", with: ", ")]
      return [addresses, timeouts, flags].filter { !$0.isEmpty }.map { $0.joined(separator: ", ") }
        .joined(separator: "; ")
    }
  }

  /// A listener's queue against its backlog, then each wait queue's sleepers.
  static func details(_ socket: SocketSnapshot, name: (Int) -> String) -> [String] {
    var lines: [String] = []
    if socket.isListener {
      let admits = UInt64(socket.maxAckBacklog) + 1
      let queued = socket.queue.map { $0.connector.map(name) ?? name($0.embryo) }
      let list = queued.isEmpty ? "" : " (" + queued.joined(separator: ", ") + ")"
      let full = socket.queue.count > Int(socket.maxAckBacklog) ? ": full, the next connect sleeps or fails" : ""
      lines.append("backlog \(socket.maxAckBacklog) admits \(admits); \(socket.queue.count) queued\(list)\(full)")
    }
    for queue in socket.waitQueues where !queue.waiters.isEmpty {
      let owner = TraceFormatter.queue(queue.name, owner: name(socket.inode))
      let sleepers = queue.waiters.map { waiter in
        let until = waiter.expiresAt.map { "until \(TraceFormatter.time($0))" } ?? "no timeout"
        return "\(waiter.taskName) in \(waiter.call) (\(waiter.exclusive ? "exclusive, " : "")\(until))"
      }
      lines.append("waiting on \(owner): " + sleepers.joined(separator: ", "))
    }
    return lines
  }

  static func typeWord(_ type: SocketType) -> String {
    switch type {
    case .stream: "stream"
    case .dgram: "dgram"
    case .raw: "raw"
    case .seqpacket: "seqpacket"
    }
  }

  /// `ss`'s names for the states.
  static func stateWord(_ state: SockState) -> String {
    switch state {
    case .TCP_CLOSE: "UNCONN"
    case .TCP_LISTEN: "LISTEN"
    case .TCP_ESTABLISHED: "ESTAB"
    }
  }

  /// A socket timeout as the time it stands for (`forever` for MAX_SCHEDULE_TIMEOUT).
  static func timeout(_ jiffies: Jiffies, _ clock: VirtualClock) -> String {
    jiffies == MAX_SCHEDULE_TIMEOUT ? "forever" : TraceFormatter.time(clock.instant(ofTick: jiffies))
  }
}
