import SyscallVocabulary

/// `net/unix/garbage.c`: the in-flight accounting of the files SCM_RIGHTS messages carry,
/// and the collector of sockets only such messages keep alive.
///
/// Each queued message with sockets among its files adds edges to the in-flight graph: from
/// each such socket (a vertex) to the socket whose queue holds the message (or, for an
/// embryo, its listener). `unix_gc` finds the strongly connected components of that graph
/// and frees the queues of every cyclic one whose sockets are held by nothing else.
///
/// The kernel walks the whole graph at each collection. A component can only have become
/// dead through a change to one of its sockets since the last walk (a reference dropped to
/// the ones in flight, an edge added or removed), so the model walks from those sockets
/// only, through the sockets held by messages alone: the same components are found dead,
/// and a script that keeps thousands of sockets in flight does not pay for them at every
/// release.
extension Kernel {
  /// `unix_add_edges`: the message is queued on `receiver`: its files count against the
  /// sender's `user->unix_inflight`, its sockets against `unix_tot_inflight`, and each of
  /// those sockets gets an edge to the receiver.
  func unixAddEdges(_ fpl: ScmFpList, _ receiver: Sock) {
    let successor = receiver.listener ?? receiver
    for case let file as SocketFile in fpl.fp {
      let vertex = file.sock.vertex
      vertex.outDegree += 1
      vertex.edges[ObjectIdentifier(successor), default: (successor, 0)].count += 1
      gcTouched.append(file.sock)
    }
    unixInflight[fpl.user, default: 0] += fpl.count
    unixTotInflight += fpl.countUnix
    receiver.scmFds += fpl.count
    fpl.receiver = receiver
    fpl.inflight = true
  }

  /// `unix_del_edges`: the message left the queue (received, or freed with it).
  func unixDelEdges(_ fpl: ScmFpList) {
    if let receiver = fpl.receiver {
      let successor = receiver.listener ?? receiver
      for case let file as SocketFile in fpl.fp {
        file.sock.vertex.outDegree -= 1
        file.sock.removeSuccessor(successor)
        gcTouched.append(file.sock)
      }
    }
    unixInflight[fpl.user, default: 0] -= fpl.count
    unixTotInflight -= fpl.countUnix
    fpl.receiver?.scmFds -= fpl.count
    fpl.receiver = nil
    fpl.inflight = false
  }

  /// `unix_destroy_fpl`: a list still counted as queued stops being counted.
  func unixDestroyFpl(_ fpl: ScmFpList) {
    if fpl.inflight { unixDelEdges(fpl) }
  }

  /// `UNIX_INFLIGHT_TRIGGER_GC`: this many sockets in flight make a sender collect first.
  static let unixInflightTriggerGc = 16000

  /// `wait_for_unix_gc`: with an insane number of sockets in flight a sender runs the
  /// collector before it sends. (The penalty for a user with many files in flight, waiting
  /// for a collection under way, never applies: the model's collection runs to its end
  /// before the next call.)
  func waitForUnixGc() {
    if unixTotInflight > Self.unixInflightTriggerGc && !gcInProgress { unixGc() }
  }

  /// `unix_update_edges`, at `accept`: files sent to the embryo now count as the accepted
  /// socket's, not its listener's (`unix_edge_successor`): their edges move.
  func unixUpdateEdges(_ receiver: Sock) {
    guard let listener = receiver.listener else { return }
    receiver.listener = nil
    guard receiver.scmFds > 0 else { return }
    for skb in receiver.receiveQueue {
      guard let fpl = skb.fp, fpl.inflight else { continue }
      for case let file as SocketFile in fpl.fp {
        file.sock.removeSuccessor(listener)
        file.sock.vertex.edges[ObjectIdentifier(receiver), default: (receiver, 0)].count += 1
        gcTouched.append(file.sock)
      }
    }
  }

  /// `unix_gc`: the kernel queues `__unix_gc` on a workqueue, to run a moment later, once
  /// however many releases asked for it meanwhile; the model runs it when the system call
  /// that asked returns (``runRequestedGc()``).
  func unixGc() { gcRequested = true }

  /// The collection `unix_gc` asked for, run once, and again if a socket it frees asks for
  /// another (the work queued again while it runs).
  func runRequestedGc() {
    guard gcRequested, !gcInProgress else { return }
    gcInProgress = true
    while gcRequested {
      gcRequested = false
      unixGcWalk()
    }
    gcInProgress = false
  }

  /// `__unix_gc` → `unix_walk_scc`: Tarjan's walk, from each socket changed since the last
  /// walk, of the sockets only messages hold; the queues of each dead component go to a
  /// hitlist (`unix_collect_skb`), purged once the walk is over.
  private func unixGcWalk() {
    let seeds = gcTouched
    gcTouched = []
    var walk = InflightWalk()
    var dead: [[Sock]] = []
    for seed in seeds where walk.isUnvisited(seed) && InflightWalk.heldOnlyInFlight(seed) {
      walk.visit(seed) { dead.append($0) }
    }
    guard !dead.isEmpty else { return }
    var hitlist: [SkBuff] = []
    var reclaimed: [Int] = []
    for scc in dead {
      for sk in scc.reversed() {
        reclaimed.append(sk.inode)
        unixCollectSkb(sk, into: &hitlist)
      }
    }
    emit(.collected(inodes: reclaimed))
    // __skb_queue_purge(&hitlist): the files go, and with their last reference the sockets.
    for skb in hitlist { consumeSkb(skb) }
  }

  /// `unix_collect_skb`: a dead socket's queue joins the hitlist; a listener's queue keeps
  /// its connection requests, but the queues of its embryos join.
  private func unixCollectSkb(_ sk: Sock, into hitlist: inout [SkBuff]) {
    if sk.state == .TCP_LISTEN {
      for request in sk.receiveQueue {
        guard let embryo = request.embryo else { continue }
        while let skb = embryo.receiveQueue.popFirst() { hitlist.append(skb) }
      }
    } else {
      while let skb = sk.receiveQueue.popFirst() { hitlist.append(skb) }
    }
  }
}

extension Sock {
  /// One edge fewer from this socket to `successor`.
  func removeSuccessor(_ successor: Sock) {
    let key = ObjectIdentifier(successor)
    guard let vertex = vertexIfMade, let edge = vertex.edges[key] else { return }
    if edge.count > 1 { vertex.edges[key] = (successor, edge.count - 1) } else { vertex.edges[key] = nil }
  }
}

/// Tarjan's strongly connected components over the sockets held only by messages in flight
/// (a socket held otherwise cannot be in a dead component, nor can any socket that reaches
/// it). A component is dead when it is cyclic (`unix_scc_cyclic`: more than one socket, or
/// one in its own queue) and every edge of every socket in it stays inside it
/// (`unix_vertex_dead`).
struct InflightWalk {
  private var order: [ObjectIdentifier: Int] = [:]
  private var low: [ObjectIdentifier: Int] = [:]
  private var onStack = Set<ObjectIdentifier>()
  private var stack: [Sock] = []
  /// Sockets with an edge out of the sockets only messages hold: their components are alive.
  private var leaks = Set<ObjectIdentifier>()
  private var next = 0

  func isUnvisited(_ sk: Sock) -> Bool { order[ObjectIdentifier(sk)] == nil }

  /// `unix_vertex_dead`'s reference check: a vertex whose file's count is its references in
  /// flight (`total_ref == out_degree`).
  static func heldOnlyInFlight(_ sk: Sock) -> Bool {
    guard sk.inflightRefs > 0, let file = sk.file else { return false }
    return file.count == sk.inflightRefs
  }

  /// Visits `sk` and what it reaches, calling `dead` with each dead component closed on the
  /// way. Iterative, so that a chain of a million sockets needs no deep stack.
  mutating func visit(_ root: Sock, dead: ([Sock]) -> Void) {
    // Each frame: a socket and the edges it has yet to follow.
    var frames: [(sk: Sock, edges: [Sock], next: Int)] = []
    func enter(_ sk: Sock) {
      let id = ObjectIdentifier(sk)
      order[id] = next
      low[id] = next
      next += 1
      stack.append(sk)
      onStack.insert(id)
      frames.append((sk, sk.successors.values.map(\.sock).sorted { $0.inode < $1.inode }, 0))
    }
    enter(root)
    while let top = frames.last {
      let id = ObjectIdentifier(top.sk)
      if top.next < top.edges.count {
        frames[frames.count - 1].next += 1
        let successor = top.edges[top.next]
        let key = ObjectIdentifier(successor)
        if !Self.heldOnlyInFlight(successor) {
          leaks.insert(id)
        } else if order[key] == nil {
          enter(successor)
        } else if onStack.contains(key) {
          low[id] = min(low[id]!, order[key]!)
        } else {
          // An edge into a component already closed: this socket's reaches out of its own.
          leaks.insert(id)
        }
        continue
      }
      frames.removeLast()
      if let parent = frames.last {
        let parentID = ObjectIdentifier(parent.sk)
        low[parentID] = min(low[parentID]!, low[id]!)
      }
      guard low[id] == order[id] else { continue }
      var component: [Sock] = []
      while let w = stack.popLast() {
        onStack.remove(ObjectIdentifier(w))
        component.append(w)
        if w === top.sk { break }
      }
      let members = Set(component.map(ObjectIdentifier.init))
      let cyclic = component.count > 1 || top.sk.successors[id] != nil
      let closed = component.allSatisfy { w in
        !leaks.contains(ObjectIdentifier(w)) && w.successors.keys.allSatisfy(members.contains)
      }
      if cyclic && closed { dead(component) }
    }
  }
}
