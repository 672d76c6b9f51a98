import SyscallVocabulary

/// `net/core/skbuff.c`: freeing an skb gives its charge back to the sender.
extension Kernel {
  /// `consume_skb` → `sock_wfree`: the sender's charge drops by all but one byte,
  /// `sk_write_space` runs with that byte still held, then it goes too. So the wake-up sees a
  /// charge one higher than `poll` will: a writer or poller can stay asleep although `poll`
  /// would now say `POLLOUT`.
  /// AF_UNIX's destructor (`unix_destruct_scm`) first drops the files the skb still carries.
  func consumeSkb(_ skb: SkBuff) {
    if skb.fp != nil { unixDestructScm(skb) }
    guard let owner = skb.owner else { return }
    skb.owner = nil
    // Keep a reference on sk_wmem_alloc, this will be released after sk_write_space().
    owner.wmemAlloc -= skb.truesize - 1
    unixWriteSpace(owner)
    owner.wmemAlloc -= 1
  }
}
