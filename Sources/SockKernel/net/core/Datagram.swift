import SyscallVocabulary

/// `net/core/datagram.c`: taking an skb off a queue, waiting for one.
extension Kernel {
  /// What `skb_recv_datagram` ends in.
  enum DatagramReceive {
    case skb(SkBuff)
    case error(OutcomeError)
    /// `__skb_wait_for_more_packets` saw `RCV_SHUTDOWN`: NULL with `err` 0.
    case shutDown
    case sleep(SyscallStep)
  }

  /// `skb_recv_datagram` → `__skb_recv_datagram`: try, and while time is left, wait
  /// exclusively on the socket's own queue (`__skb_wait_for_more_packets`) and try again.
  /// `off` is the peek offset (`sk_peek_offset`), set to what is left of it in the skb found.
  func skbRecvDatagram(
    _ sk: Sock, nonBlocking: Bool, peek: Bool = false, off: inout Int, frame: inout CallFrame
  ) -> DatagramReceive {
    if !frame.started {
      frame.timeo = sockRcvtimeo(sk, nonBlocking: nonBlocking)
      frame.started = true
    }
    // __skb_try_recv_datagram
    if let error = sockError(sk) { return .error(error) }
    if let skb = skbTryRecvFromQueue(sk, peek: peek, off: &off) { return .skb(skb) }
    if frame.timeo == 0 {
      let detail = "sk_receive_queue empty, timeo 0"
      return .error(OutcomeError(.EAGAIN, Reason("__skb_try_recv_datagram", detail)))
    }
    // __skb_wait_for_more_packets
    if let error = sockError(sk) { return .error(error) }
    if sk.shutdown.contains(.RCV_SHUTDOWN) { return .shutDown }
    // connection_based: only stream and seqpacket sockets can come disconnected.
    if sk.type != .dgram, sk.state != .TCP_ESTABLISHED && sk.state != .TCP_LISTEN {
      return .error(
        OutcomeError(.ENOTCONN, Reason("__skb_wait_for_more_packets", "connection-based socket in \(sk.state)")))
    }
    if signalPending() {
      let interrupted = sockIntrErrno(frame.timeo, "__skb_wait_for_more_packets")
      return .error(OutcomeError(.EINTR, interrupted.reason!, restartable: interrupted.restartable))
    }
    return .sleep(
      .sleep(
        on: sk.sleepQueue, exclusive: true, keyFilter: [.EPOLLIN, .EPOLLERR], timeout: frame.timeo,
        reason: Reason("__skb_wait_for_more_packets", "sk_receive_queue empty")))
  }

  /// `__skb_try_recv_from_queue`: the head of the queue, taken off it; a peek at an offset
  /// (`off` ≥ 0) passes the datagrams it covers whole (and a zero-length one already peeked,
  /// `skb->peeked`) and leaves `off` as the offset into the one found.
  func skbTryRecvFromQueue(_ sk: Sock, peek: Bool, off: inout Int) -> SkBuff? {
    guard peek else {
      off = 0
      return sk.receiveQueue.popFirst()
    }
    let peekAtOff = off >= 0
    var remaining = peekAtOff ? off : 0
    for skb in sk.receiveQueue {
      if peekAtOff, remaining >= skb.length, remaining > 0 || skb.peeked {
        remaining -= skb.length
        continue
      }
      if skb.length == 0 { skb.peeked = true }
      off = remaining
      return skb
    }
    return nil
  }
}
