import SockKernel

/// The REPL's `:state`: one row per socket in the spirit of `ss -x`, with the lines a learner
/// needs under it — a listener's backlog and queue, and who sleeps on which wait queue.
///
/// As in `ss`, a listener's Recv-Q is the number of queued connections and its Send-Q the
/// backlog; other sockets show 0/0, since the model has no data path yet.
enum StateTable {
  static let header = [
    "Socket", "Fd", "Type", "State", "Recv-Q", "Send-Q", "Local", "Peer", "SndTimeo", "RcvTimeo", "Flags",
  ]
  /// Columns aligned to the right.
  static let numeric: Set<Int> = [1, 4, 5]

  /// The table's lines; `name` names a socket by inode, `clock` turns jiffies into time.
  static func render(_ sockets: [SocketSnapshot], name: (Int) -> String, clock: VirtualClock) -> [String] {
    guard !sockets.isEmpty else { return ["no sockets"] }
    var rows: [[String]] = []
    var details: [[String]] = []
    for socket in sockets {
      rows.append(row(socket, name: name, clock: clock))
      details.append(detail(socket, name: name))
    }
    let widths = header.indices.map { column in
      ([header] + rows).map { $0[column].count }.max() ?? 0
    }
    func format(_ cells: [String]) -> String {
      var line = ""
      for (column, cell) in cells.enumerated() {
        let pad = String(repeating: " ", count: widths[column] - cell.count)
        if column > 0 { line += "  " }
        line += numeric.contains(column) ? pad + cell : cell + (column == cells.count - 1 ? "" : pad)
      }
      return line
    }
    var lines = [format(header)]
    for (cells, extra) in zip(rows, details) {
      lines.append(format(cells))
      lines += extra.map { "    " + $0 }
    }
    return lines
  }

  static func row(_ socket: SocketSnapshot, name: (Int) -> String, clock: VirtualClock) -> [String] {
    let listening = socket.isListener
    var flags: [String] = []
    if socket.nonBlocking { flags.append("nonblock") }
    if socket.shutdown.contains(.RCV_SHUTDOWN) { flags.append("shut-rd") }
    if socket.shutdown.contains(.SEND_SHUTDOWN) { flags.append("shut-wr") }
    if let listener = socket.queuedOn { flags.append("queued on \(name(listener))") }
    return [
      socket.fd == nil ? "  " + name(socket.inode) : name(socket.inode),
      socket.fd.map { "\($0)" } ?? "-",
      typeWord(socket.type),
      stateWord(socket.state),
      listening ? "\(socket.queue.count)" : "0",
      listening ? "\(socket.maxAckBacklog)" : "0",
      socket.address?.display ?? "*",
      socket.peerInode.map(name) ?? "*",
      timeout(socket.sndtimeo, clock),
      timeout(socket.rcvtimeo, clock),
      flags.isEmpty ? "-" : flags.joined(separator: ","),
    ]
  }

  /// A listener's queue against its backlog, then each wait queue's sleepers.
  static func detail(_ socket: SocketSnapshot, name: (Int) -> String) -> [String] {
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
