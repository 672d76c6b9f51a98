import SyscallVocabulary

/// `net/unix/diag.c`: what `ss -x` asks the kernel about a socket.
extension Kernel {
  /// `sk_diag_show_rqlen`: `ss`'s Recv-Q and Send-Q. For a listener the connections waiting
  /// in its queue and its backlog; for any other socket `unix_inq_len` and `unix_outq_len`.
  func skDiagShowRqlen(_ sk: Sock) -> (rqueue: Int, wqueue: Int) {
    guard let inq = unixInqLen(sk) else { return (sk.receiveQueue.count, Int(sk.maxAckBacklog)) }
    return (inq, unixOutqLen(sk))
  }
}
