import SyscallVocabulary

/// Write space (`net/unix/af_unix.c`): when an AF_UNIX socket counts as writable, and the
/// wake-up when it becomes so.
extension Kernel {
  /// `unix_write_space`: wakes the sender's sleepers only once the charge has fallen to
  /// about a quarter of the buffer.
  func unixWriteSpace(_ sk: Sock) {
    guard unixWritable(sk) else { return }
    wakeUp(sk.sleepQueueIfMade, nrExclusive: 1, key: [.EPOLLOUT, .EPOLLWRNORM, .EPOLLWRBAND])
  }

  /// `unix_writable`: not listening, and `sk_wmem_alloc << 2 <= sk_sndbuf` (the biased count).
  func unixWritable(_ sk: Sock) -> Bool {
    sk.state != .TCP_LISTEN && (sk.wmemAlloc + 1) * 4 <= sk.sndbuf
  }
}
