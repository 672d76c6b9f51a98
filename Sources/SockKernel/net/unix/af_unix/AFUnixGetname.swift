import SyscallVocabulary

extension Kernel {
  /// `unix_getname`: the socket's own name, or with `peer` its peer's (`ENOTCONN` without
  /// one). An unbound socket's name is the family alone (length 2); a bound one's is the
  /// address as `bind` stored it (a path with its NUL, an abstract name of the length
  /// given), and an accepted socket has its listener's (`unix_stream_connect` copied it).
  func unixGetname(_ sk: Sock, peer: Bool) -> SyscallOutcome {
    var named = sk
    if peer {
      // unix_peer_get: a listener, an unconnected or a disconnected socket has none.
      guard let other = sk.peer else {
        return .failure(.ENOTCONN, Reason("unix_getname", "the socket has no peer"))
      }
      named = other
    }
    var outcome = SyscallOutcome.success()
    outcome.name = named.address ?? SockAddrUn(path: [], length: 2)
    return outcome
  }
}
