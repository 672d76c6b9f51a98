import SyscallVocabulary

/// The integer `SOL_SOCKET` options (`sk_setsockopt` / `sk_getsockopt`) and the sysctls
/// that feed them.
extension Kernel {
  /// `sk_setsockopt` for `SO_SNDBUF` / `SO_RCVBUF`: clamped to `*mem_max` (as unsigned, so
  /// a negative value means the maximum), then doubled, with a floor.
  func skSetsockopt(_ sk: Sock, _ option: IntOption, _ value: Int32) -> SyscallOutcome {
    let asUnsigned = Int64(UInt32(bitPattern: value))
    switch option {
    case .SO_SNDBUF:
      let val = min(min(asUnsigned, Int64(config.wmemMax)), Int64(Int32.max / 2))
      sk.sndbuf = max(Int(val) * 2, SOCK_MIN_SNDBUF)
      // "Wake up sending tasks if we upped the value."
      unixWriteSpace(sk)
      return .success()
    case .SO_RCVBUF:
      let val = min(min(asUnsigned, Int64(config.rmemMax)), Int64(Int32.max / 2))
      sk.rcvbuf = max(Int(val) * 2, SOCK_MIN_RCVBUF)
      return .success()
    case .SO_ERROR, .SO_TYPE, .SO_DOMAIN, .SO_PROTOCOL, .SO_ACCEPTCONN:
      return .failure(.ENOPROTOOPT, Reason("sk_setsockopt", "\(option) is read-only"))
    }
  }

  /// `sk_getsockopt` for the integer options; `SO_ERROR` takes the pending error.
  /// `SO_DOMAIN` is `sk_family`, `SO_ACCEPTCONN` whether `sk_state` is TCP_LISTEN.
  func skGetsockopt(_ sk: Sock, _ option: IntOption) -> SyscallOutcome {
    var outcome = SyscallOutcome.success()
    switch option {
    case .SO_SNDBUF: outcome.optionValue = Int32(clamping: sk.sndbuf)
    case .SO_RCVBUF: outcome.optionValue = Int32(clamping: sk.rcvbuf)
    case .SO_TYPE: outcome.optionValue = sk.type.rawValue
    case .SO_DOMAIN: outcome.optionValue = AF_UNIX
    // unix_create never sets sk_protocol: 0 whichever protocol socket() was given.
    case .SO_PROTOCOL: outcome.optionValue = 0
    case .SO_ACCEPTCONN: outcome.optionValue = sk.state == .TCP_LISTEN ? 1 : 0
    case .SO_ERROR:
      outcome.optionValue = sk.pendingError?.rawValue ?? 0
      sk.pendingError = nil
    }
    return outcome
  }

  /// `sk_getsockopt` for `SO_PEERCRED` (`cred_to_ucred`): pid 0 and ids -1 for a socket
  /// that has no peer credentials (never connected, a datagram socket).
  func skGetsockoptPeercred(_ sk: Sock) -> SyscallOutcome {
    var outcome = SyscallOutcome.success()
    outcome.peerCred = sk.peerCred ?? .unset
    return outcome
  }
}
