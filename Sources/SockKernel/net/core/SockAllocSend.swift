import SyscallVocabulary

/// The sender's side of buffer accounting: `sock_alloc_send_pskb`, `sock_wfree`,
/// `unix_write_space`.
extension Kernel {
  /// What `sock_alloc_send_pskb` ends in.
  enum Allocation {
    /// Room: the caller allocates its skb.
    case room
    case failed(SyscallOutcome)
    case sleep(SyscallStep)
  }

  /// `sock_alloc_send_pskb` with `sock_wait_for_wmem`: admission is checked against the
  /// charge *before* the allocation, never against the new skb's size. `timeo` is fresh for
  /// every allocation; the frame keeps it across sleeps while ``CallFrame/allocating``.
  func sockAllocSendPskb(_ sk: Sock, noblock: Bool, frame: inout CallFrame) -> Allocation {
    if !frame.allocating {
      frame.timeo = sockSndtimeo(sk, nonBlocking: noblock)
    } else if sockWaitForWmemSleepsOn(sk, frame: frame) {
      // Woken, but sock_wait_for_wmem's own loop finds no reason to return yet.
      return .sleep(waitForWmem(sk, frame: frame))
    }
    let result = sockAllocSendPskbChecks(sk, frame: frame)
    // Only a sleep stays inside the allocation; anything else ends it.
    if case .sleep = result { frame.allocating = true } else { frame.allocating = false }
    return result
  }

  /// The checks of `sock_alloc_send_pskb`'s loop, in the kernel's order.
  private func sockAllocSendPskbChecks(_ sk: Sock, frame: CallFrame) -> Allocation {
    if let error = sockError(sk) { return .failed(error.outcome) }
    if sk.shutdown.contains(.SEND_SHUTDOWN) {
      return .failed(.failure(.EPIPE, Reason("sock_alloc_send_pskb", "own sk_shutdown has SEND_SHUTDOWN")))
    }
    if sk.wmemAlloc < sk.sndbuf { return .room }
    if frame.timeo == 0 {
      let full = "sk_wmem_alloc \(sk.wmemAlloc) >= sk_sndbuf \(sk.sndbuf)"
      return .failed(.failure(.EAGAIN, Reason("sock_alloc_send_pskb", full + ", timeo 0")))
    }
    if signalPending() { return .failed(sockIntrErrno(frame.timeo, "sock_alloc_send_pskb")) }
    return .sleep(waitForWmem(sk, frame: frame))
  }

  /// `sock_wait_for_wmem`: sleeps (non-exclusively) on the sender's own wait queue.
  private func waitForWmem(_ sk: Sock, frame: CallFrame) -> SyscallStep {
    .sleep(
      on: sk.sleepQueue, exclusive: false, keyFilter: nil, timeout: frame.timeo,
      reason: Reason("sock_wait_for_wmem", "sk_wmem_alloc \(sk.wmemAlloc) >= sk_sndbuf \(sk.sndbuf)"))
  }

  /// `sock_wait_for_wmem`'s own re-check after a wake-up: true when it goes back to sleep
  /// without returning to `sock_alloc_send_pskb`.
  func sockWaitForWmemSleepsOn(_ sk: Sock, frame: CallFrame) -> Bool {
    frame.timeo != 0 && !signalPending() && sk.wmemAlloc + 1 >= sk.sndbuf && !sk.shutdown.contains(.SEND_SHUTDOWN)
      && sk.pendingError == nil
  }

  /// `skb_set_owner_w`: charges a new skb to its sender.
  func skbSetOwnerW(_ skb: SkBuff, _ sk: Sock) {
    skb.owner = sk
    sk.wmemAlloc += skb.truesize
  }
}
