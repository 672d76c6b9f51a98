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
  func skbRecvDatagram(_ sk: Sock, nonBlocking: Bool, peek: Bool = false, frame: inout CallFrame) -> DatagramReceive {
    if !frame.started {
      frame.timeo = sockRcvtimeo(sk, nonBlocking: nonBlocking)
      frame.started = true
    }
    // __skb_try_recv_datagram
    if let error = sockError(sk) { return .error(error) }
    if let skb = peek ? sk.receiveQueue.first : sk.receiveQueue.popFirst() { return .skb(skb) }
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
}
