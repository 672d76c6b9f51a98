import SyscallVocabulary

/// What `SIOCINQ`, `SIOCOUTQ` and `unix_diag` (hence `ss -x`) report of a socket's queues.
extension Kernel {
  /// `unix_inq_len`: the bytes a read could take. A stream socket keeps the count in
  /// `u->inq_len` (6.18), a seqpacket socket counts its records, a datagram socket only the
  /// first datagram's length. Nil for a listener (-EINVAL).
  func unixInqLen(_ sk: Sock) -> Int? {
    if sk.state == .TCP_LISTEN { return nil }
    switch sk.type {
    case .stream: return sk.inqLen
    case .seqpacket: return sk.receiveQueue.reduce(0) { $0 + $1.unread }
    case .dgram, .raw: return sk.receiveQueue.first?.length ?? 0
    }
  }

  /// `unix_outq_len` (`sk_wmem_alloc_get`): the truesize of every skb the socket sent that
  /// is not freed yet, wherever it is queued.
  func unixOutqLen(_ sk: Sock) -> Int { sk.wmemAlloc }
}
