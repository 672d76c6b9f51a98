import Collections
import SyscallVocabulary

/// `net/unix/garbage.c`: the in-flight accounting of the files SCM_RIGHTS messages carry,
/// and the collector of sockets only such messages keep alive.
///
/// Each queued message with sockets among its files adds edges to the in-flight graph: from
/// each such socket (a vertex) to the socket whose queue holds the message (or, for an
/// embryo, its listener). `unix_gc` finds the strongly connected components of that graph
/// and frees the queues of every cyclic one whose sockets are held by nothing else.
extension Kernel {
  /// `unix_add_edges`: the message is queued on `receiver`: its files count against the
  /// sender's `user->unix_inflight`, its sockets against `unix_tot_inflight`.
  func unixAddEdges(_ fpl: ScmFpList, _ receiver: Sock) {
    unixInflight[fpl.user, default: 0] += fpl.count
    unixTotInflight += fpl.countUnix
    receiver.scmFds += fpl.count
    fpl.receiver = receiver
    fpl.inflight = true
    if fpl.countUnix > 0 { inflightLists[ObjectIdentifier(fpl)] = fpl }
  }

  /// `unix_del_edges`: the message left the queue (received, or freed with it).
  func unixDelEdges(_ fpl: ScmFpList) {
    unixInflight[fpl.user, default: 0] -= fpl.count
    unixTotInflight -= fpl.countUnix
    fpl.receiver?.scmFds -= fpl.count
    fpl.receiver = nil
    fpl.inflight = false
    inflightLists[ObjectIdentifier(fpl)] = nil
  }

  /// `unix_destroy_fpl`: a list still counted as queued stops being counted.
  func unixDestroyFpl(_ fpl: ScmFpList) {
    if fpl.inflight { unixDelEdges(fpl) }
  }

  /// `UNIX_INFLIGHT_TRIGGER_GC`: this many sockets in flight make a sender collect first.
  static let unixInflightTriggerGc = 16000

  /// `wait_for_unix_gc`: with an insane number of sockets in flight a sender runs the
  /// collector before it sends. (The penalty for a user with many files in flight, waiting
  /// for a collection under way, never applies: the model's collection runs to its end at once.)
  func waitForUnixGc() {
    if unixTotInflight > Self.unixInflightTriggerGc && !gcInProgress { unixGc() }
  }

  /// `unix_gc`: the kernel queues `__unix_gc` on a workqueue, to run a moment later; the
  /// model runs it at once, and once more if a socket it frees asks for another (the work
  /// queued again while it runs).
  func unixGc() {
    if gcInProgress {
      gcRequested = true
      return
    }
    gcInProgress = true
    repeat {
      gcRequested = false
      unixGcWalk()
    } while gcRequested
    gcInProgress = false
  }

  /// `__unix_gc` → `unix_walk_scc`: Tarjan's walk of the in-flight graph; the queues of each
  /// dead component go to a hitlist (`unix_collect_skb`), purged once the walk is over.
  private func unixGcWalk() {
    var graph = InflightGraph()
    for fpl in inflightLists.values {
      guard let receiver = fpl.receiver else { continue }
      // unix_edge_successor: a file sent to an embryo is held by its listener.
      let successor = receiver.listener ?? receiver
      for case let file as SocketFile in fpl.fp { graph.addEdge(from: file, to: successor) }
    }
    var hitlist: [SkBuff] = []
    var reclaimed: [Int] = []
    for scc in graph.stronglyConnectedComponents()
    where graph.isCyclic(scc) && scc.allSatisfy({ graph.isDead($0, in: scc) }) {
      for vertex in scc.reversed() {
        reclaimed.append(graph.vertices[vertex].file.sock.inode)
        unixCollectSkb(graph.vertices[vertex].file.sock, into: &hitlist)
      }
    }
    guard !hitlist.isEmpty || !reclaimed.isEmpty else { return }
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

/// The in-flight graph as `unix_gc` sees it: a vertex per socket whose file is in flight
/// (`struct unix_vertex`), with its out-edges and its `out_degree`.
struct InflightGraph {
  struct Vertex {
    let file: SocketFile
    /// The sockets holding its file in their queues, one per reference in flight.
    var successors: [Sock] = []
  }

  var vertices: [Vertex] = []
  private var index: [ObjectIdentifier: Int] = [:]

  /// The vertex of the socket `sock`, if its file is in flight.
  func vertex(of sock: Sock) -> Int? { index[ObjectIdentifier(sock)] }

  mutating func addEdge(from file: SocketFile, to successor: Sock) {
    let id = ObjectIdentifier(file.sock)
    let v: Int
    if let found = index[id] {
      v = found
    } else {
      v = vertices.count
      index[id] = v
      vertices.append(Vertex(file: file))
    }
    vertices[v].successors.append(successor)
  }

  /// Tarjan's strongly connected components, each in the order the walk closes it.
  func stronglyConnectedComponents() -> [[Int]] {
    var order = [Int?](repeating: nil, count: vertices.count)
    var low = [Int](repeating: 0, count: vertices.count)
    var onStack = [Bool](repeating: false, count: vertices.count)
    var stack: [Int] = []
    var components: [[Int]] = []
    var next = 0
    func visit(_ v: Int) {
      order[v] = next
      low[v] = next
      next += 1
      stack.append(v)
      onStack[v] = true
      for successor in vertices[v].successors {
        guard let w = vertex(of: successor) else { continue }
        if order[w] == nil {
          visit(w)
          low[v] = min(low[v], low[w])
        } else if onStack[w] {
          low[v] = min(low[v], order[w]!)
        }
      }
      guard low[v] == order[v] else { return }
      var component: [Int] = []
      while let w = stack.popLast() {
        onStack[w] = false
        component.append(w)
        if w == v { break }
      }
      components.append(component)
    }
    for v in vertices.indices where order[v] == nil { visit(v) }
    return components
  }

  /// `unix_scc_cyclic`: more than one socket, or one whose file is in its own queue (or its
  /// embryos').
  func isCyclic(_ scc: [Int]) -> Bool {
    scc.count > 1 || vertices[scc[0]].successors.contains { vertex(of: $0) == scc[0] }
  }

  /// `unix_vertex_dead`: every queue holding the socket's file belongs to the component,
  /// and nothing but those messages holds the file (its count is its `out_degree`).
  func isDead(_ v: Int, in scc: [Int]) -> Bool {
    for successor in vertices[v].successors {
      guard let w = vertex(of: successor), scc.contains(w) else { return false }
    }
    return vertices[v].file.count == vertices[v].successors.count
  }
}
