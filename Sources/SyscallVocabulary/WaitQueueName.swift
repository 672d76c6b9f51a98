/// Names a wait queue: whose it is and which of its queues.
public struct WaitQueueName: Sendable, Equatable {
  /// Which queue of the socket.
  public enum Kind: Sendable {
    /// `unix_sk(sk)->peer_wait`: connectors waiting for backlog room, dgram senders.
    case peerWait
    /// `sk_sleep(sk)`, the socket's own wait queue: accept and receive sleepers.
    case sleep
    /// `signal->wait_chldexit` of a process (`inode` is its pid): `wait4` sleepers.
    case childExit
    /// `ep->poll_wait` of an epoll instance: who polls its file (a `poll`, an outer epoll).
    /// Its `ep->wq`, where `epoll_wait` sleeps, is its ``sleep`` queue.
    case pollWait
  }
  /// Inode number of the owning socket (the pid, for ``Kind/childExit``).
  public let inode: Int
  public let kind: Kind

  package init(inode: Int, kind: Kind) {
    self.inode = inode
    self.kind = kind
  }
}
