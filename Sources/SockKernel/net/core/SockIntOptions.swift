import SyscallVocabulary

/// The integer `SOL_SOCKET` options (`sk_setsockopt` / `sk_getsockopt`) and the sysctls
/// that feed them.
extension Kernel {
  /// `sk_setsockopt` for the integer options. A length shorter than an int is EINVAL first
  /// (`__sys_setsockopt` refuses a negative one, `sk_setsockopt` a short one). `SO_SNDBUF` /
  /// `SO_RCVBUF` are clamped to `*mem_max` (as unsigned, so a negative value means the
  /// maximum), then doubled, with a floor; the SO_PASS* switches and SO_OOBINLINE
  /// (`sock_valbool_flag`) take any non-zero value as on; the read-only options have no case there: ENOPROTOOPT.
  func skSetsockopt(_ sk: Sock, _ option: IntOption, _ value: Int32, optlen: Int32 = 4) -> SyscallStep {
    if optlen < 4 { return .done(.failure(.EINVAL, Reason("sk_setsockopt", "optlen \(optlen) < sizeof(int)"))) }
    let asUnsigned = Int64(UInt32(bitPattern: value))
    switch option {
    case .SO_SNDBUF:
      let val = min(min(asUnsigned, Int64(config.wmemMax)), Int64(Int32.max / 2))
      sk.sndbuf = max(Int(val) * 2, SOCK_MIN_SNDBUF)
      // "Wake up sending tasks if we upped the value."
      unixWriteSpace(sk)
      return .done(.success())
    case .SO_RCVBUF:
      let val = min(min(asUnsigned, Int64(config.rmemMax)), Int64(Int32.max / 2))
      sk.rcvbuf = max(Int(val) * 2, SOCK_MIN_RCVBUF)
      return .done(.success())
    // valbool; sk_may_scm_recv holds for every AF_UNIX socket.
    case .SO_PASSCRED: sk.scmRecvFlags.credentials = value != 0
    case .SO_PASSSEC: sk.scmRecvFlags.security = value != 0
    case .SO_PASSPIDFD: sk.scmRecvFlags.pidfd = value != 0
    case .SO_PASSRIGHTS: sk.scmRecvFlags.rights = value != 0
    case .SO_OOBINLINE: sk.urgInline = value != 0
    // AF_UNIX has no set_rcvlowat: a negative value is INT_MAX, 0 is 1.
    case .SO_RCVLOWAT: sk.rcvlowat = value < 0 ? Int32.max : max(value, 1)
    // unix_set_peek_off: any value; a negative one turns peeking at an offset off.
    case .SO_PEEK_OFF: sk.peekOff = value
    // SO_INQ: AF_UNIX stream sockets only, and only 0 or 1 (measured on 6.18.44).
    case .SO_INQ:
      guard sk.type == .stream else {
        return .done(.failure(.ENOPROTOOPT, Reason("sk_setsockopt", "SO_INQ on a \(sk.type) socket")))
      }
      guard value == 0 || value == 1 else {
        return .done(.failure(.EINVAL, Reason("sk_setsockopt", "SO_INQ takes 0 or 1, not \(value)")))
      }
      sk.recvmsgInq = value == 1
    case .SO_ERROR, .SO_TYPE, .SO_DOMAIN, .SO_PROTOCOL, .SO_ACCEPTCONN:
      return .done(.failure(.ENOPROTOOPT, Reason("sk_setsockopt", "\(option) is read-only")))
    default:
      return .notModelled("setsockopt of \(option)")
    }
    return .done(.success())
  }

  /// `sk_getsockopt` for the integer options: a negative length is EINVAL before the option
  /// is looked at; then the value, of which at most `len` bytes are copied, and `len`
  /// written back as at most `sizeof(int)`. `SO_ERROR` takes the pending error. `SO_DOMAIN`
  /// is `sk_family`, `SO_ACCEPTCONN` whether `sk_state` is TCP_LISTEN. An option number the
  /// switch has no case for is ENOPROTOOPT; one it answers that the model does not keep
  /// (SO_LINGER, SO_COOKIE, …) is not modelled.
  func skGetsockopt(_ sk: Sock, _ option: IntOption, optlen: Int32) -> SyscallStep {
    if optlen < 0 { return .done(.failure(.EINVAL, Reason("sk_getsockopt", "len \(optlen) < 0"))) }
    let value: Int32
    switch option {
    case .SO_SNDBUF: value = Int32(clamping: sk.sndbuf)
    case .SO_RCVBUF: value = Int32(clamping: sk.rcvbuf)
    case .SO_TYPE: value = sk.type.rawValue
    case .SO_DOMAIN: value = AF_UNIX
    // unix_create never sets sk_protocol: 0 whichever protocol socket() was given.
    case .SO_PROTOCOL: value = 0
    case .SO_ACCEPTCONN: value = sk.state == .TCP_LISTEN ? 1 : 0
    case .SO_ERROR:
      value = sk.pendingError?.rawValue ?? 0
      sk.pendingError = nil
    case .SO_DEBUG, .SO_REUSEADDR, .SO_DONTROUTE, .SO_BROADCAST, .SO_KEEPALIVE, .SO_PRIORITY, .SO_REUSEPORT, .SO_MARK:
      value = 0
    case .SO_OOBINLINE: value = sk.urgInline ? 1 : 0
    case .SO_PASSCRED: value = sk.scmRecvFlags.credentials ? 1 : 0
    case .SO_PASSSEC: value = sk.scmRecvFlags.security ? 1 : 0
    case .SO_PASSPIDFD: value = sk.scmRecvFlags.pidfd ? 1 : 0
    // SO_SNDLOWAT is always 1.
    case .SO_RCVLOWAT: value = sk.rcvlowat
    case .SO_SNDLOWAT: value = 1
    case .SO_PASSRIGHTS: value = sk.scmRecvFlags.rights ? 1 : 0
    case .SO_PEEK_OFF: value = sk.peekOff
    case .SO_INQ:
      // Set-only: sk_getsockopt has no case for it.
      return .done(.failure(.ENOPROTOOPT, Reason("sk_getsockopt", "no case for SO_INQ")))
    case .SO_PEERPIDFD:
      // sk_peer_pid: none for a socket never connected, or a datagram socket.
      guard let peer = sk.peerCred, peer.pid != 0 else {
        return .done(.failure(.ENODATA, Reason("sk_getsockopt", "SO_PEERPIDFD: sk_peer_pid is NULL")))
      }
      guard let fd = pidfdPrepare(peer.pid) else { return .done(Self.tooManyFiles("pidfd_prepare")) }
      value = fd
    case .unnamed(let number):
      guard Self.optionsWithoutCase.contains(number) || number < 0 || number > Self.lastOptionNumber else {
        return .notModelled("getsockopt of SOL_SOCKET option \(number)")
      }
      return .done(.failure(.ENOPROTOOPT, Reason("sk_getsockopt", "no case for optname \(number)")))
    }
    let length = min(optlen, 4)
    var outcome = SyscallOutcome.success()
    // copy_to_user of the first `length` bytes of the little-endian int.
    outcome.optionValue =
      length == 4 ? value : Int32(bitPattern: UInt32(bitPattern: value) & ((1 << (8 * UInt32(length))) - 1))
    outcome.optionLength = length
    return .done(outcome)
  }

  /// The `SOL_SOCKET` numbers up to ``lastOptionNumber`` that 6.18's `sk_getsockopt` answers
  /// with ENOPROTOOPT for AF_UNIX: options that are only set (SO_DETACH_FILTER, 27; the
  /// SO_SECURITY_* ones, 22–24), SO_PEERSEC (31) without a security module that labels
  /// sockets, and numbers the switch has no case for (0, SO_BUSY_POLL_BUDGET, …). Measured
  /// on this kernel.
  static let optionsWithoutCase: Set<Int32> = [
    0, 22, 23, 24, 27, 31, 32, 33, 50, 51, 52, 53, 54, 58, 68, 70, 78, 79, 80, 81,
  ]
  /// SO_INQ, the highest option 6.18 has.
  static let lastOptionNumber: Int32 = 84

  /// `sk_getsockopt` for `SO_PEERCRED` (`cred_to_ucred`): pid 0 and ids -1 for a socket
  /// that has no peer credentials (never connected, a datagram socket).
  func skGetsockoptPeercred(_ sk: Sock) -> SyscallOutcome {
    var outcome = SyscallOutcome.success()
    outcome.peerCred = sk.peerCred ?? .unset
    return outcome
  }
}
