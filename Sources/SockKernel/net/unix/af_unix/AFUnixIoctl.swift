import SyscallVocabulary

extension Kernel {
  /// `unix_ioctl`: SIOCOUTQ and SIOCINQ report the queues (a listener has no SIOCINQ:
  /// EINVAL); SIOCATMARK, on a stream socket only (EOPNOTSUPP otherwise, measured on
  /// 6.18.44), says whether the next read starts at the out-of-band mark.
  func unixIoctl(_ sk: Sock, _ request: IoctlRequest) -> SyscallOutcome {
    switch request {
    case .SIOCOUTQ:
      return Self.readBack(unixOutqLen(sk))
    case .SIOCINQ:
      guard let amount = unixInqLen(sk) else {
        return .failure(.EINVAL, Reason("unix_inq_len", "a listener has no bytes to read"))
      }
      return Self.readBack(amount)
    case .SIOCATMARK:
      guard sk.type == .stream else {
        return .failure(.EOPNOTSUPP, Reason("unix_ioctl", "SIOCATMARK on a \(sk.type) socket"))
      }
      return Self.readBack(unixAtMark(sk) ? 1 : 0)
    }
  }

  /// `unix_ioctl`'s SIOCATMARK: the head of the queue is the out-of-band skb, or an emptied
  /// skb with no out-of-band byte behind it or with it just behind (a listener's queue of
  /// connection requests, which carry no data, is "at the mark" too).
  func unixAtMark(_ sk: Sock) -> Bool {
    guard let skb = sk.receiveQueue.first else { return false }
    let oob = sk.oobSkb
    let next = sk.receiveQueue.count > 1 ? sk.receiveQueue[1] : nil
    return skb === oob || (skb.unread == 0 && (oob == nil || next === oob))
  }
}
