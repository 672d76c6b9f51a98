import SyscallVocabulary

/// `unix_find_other` and its two halves: from an address to the socket bound to it.
extension Kernel {
  /// `unix_find_other`: the socket an address names, for connect.
  func unixFindOther(_ addr: SockAddrUn, type: SocketType) -> Result<Sock, OutcomeError> {
    addr.isAbstract ? unixFindAbstract(addr, type: type) : unixFindBSD(addr, type: type)
  }

  /// `unix_find_bsd`.
  func unixFindBSD(_ addr: SockAddrUn, type: SocketType) -> Result<Sock, OutcomeError> {
    let path = Self.bsdPath(addr)
    // Only failures show the path: escaping it on every connect cost more than the lookup.
    var shown: String { SockAddrUn.escape(path) }
    let node: VFS.Node
    switch vfs.lookup(path) {
    case .success(let found): node = found
    case .failure(let e):
      return .failure(OutcomeError(e, Reason("unix_find_bsd", "kern_path(\"\(shown)\") fails")))
    }
    guard node.kind == .socket else {
      return .failure(OutcomeError(.ECONNREFUSED, Reason("unix_find_bsd", "\"\(shown)\" is not a socket inode")))
    }
    guard let sk = node.boundSock else {
      return .failure(
        OutcomeError(.ECONNREFUSED, Reason("unix_find_bsd", "no socket is bound to \"\(shown)\" (stale file)")))
    }
    guard sk.type == type else {
      return .failure(
        OutcomeError(.EPROTOTYPE, Reason("unix_find_bsd", "\"\(shown)\" is a \(sk.type) socket, caller is \(type)")))
    }
    return .success(sk)
  }

  /// `unix_find_abstract`: names are per socket type, so another type's name is simply absent.
  func unixFindAbstract(_ addr: SockAddrUn, type: SocketType) -> Result<Sock, OutcomeError> {
    guard let sk = abstractNames.find(Self.abstractName(addr), type: type) else {
      return .failure(
        OutcomeError(.ECONNREFUSED, Reason("unix_find_abstract", "no \(type) socket is bound to \(addr.display)")))
    }
    return .success(sk)
  }
}
