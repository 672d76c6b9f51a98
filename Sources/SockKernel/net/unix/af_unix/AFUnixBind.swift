import SyscallVocabulary

extension Kernel {
  /// `unix_validate_addr`.
  func unixValidateAddr(_ addr: SockAddrUn, caller: String) -> SyscallOutcome? {
    if addr.length <= 2 || addr.length > 110 {
      return .failure(.EINVAL, Reason("unix_validate_addr", "addr_len \(addr.length) outside (2, 110] (\(caller))"))
    }
    if addr.family != UInt16(AF_UNIX) {
      return .failure(.EINVAL, Reason("unix_validate_addr", "sun_family \(addr.family) != AF_UNIX (\(caller))"))
    }
    return nil
  }

  /// `unix_mkname_bsd`: the path ends at `addr_len` or at its first NUL.
  static func bsdPath(_ addr: SockAddrUn) -> [UInt8] {
    Array(addr.path.prefix(Int(addr.length) - 2).prefix { $0 != 0 })
  }

  /// The abstract name: every byte of `sun_path` that `addr_len` covers, NULs included.
  static func abstractName(_ addr: SockAddrUn) -> [UInt8] {
    let bytes = Array(addr.path.prefix(Int(addr.length) - 2))
    return bytes + [UInt8](repeating: 0, count: max(0, Int(addr.length) - 2 - bytes.count))
  }

  /// `unix_bind`.
  func unixBind(_ sk: Sock, _ addr: SockAddrUn) -> SyscallOutcome {
    if addr.length == 2 && addr.family == UInt16(AF_UNIX) { return unixAutobind(sk) }
    if let error = unixValidateAddr(addr, caller: "unix_bind") { return error }
    return addr.isAbstract ? unixBindAbstract(sk, addr) : unixBindBSD(sk, addr)
  }

  /// `unix_bind_bsd`: creates the inode first, and only then looks at whether the socket
  /// is bound already — so a bound socket binding to an existing path gets `EADDRINUSE`.
  func unixBindBSD(_ sk: Sock, _ addr: SockAddrUn) -> SyscallOutcome {
    let path = Self.bsdPath(addr)
    let shown = SockAddrUn.escape(path)
    let node: VFS.Node
    switch vfs.create(path, kind: .socket) {
    case .success(let created): node = created
    case .failure(.EEXIST):
      return .failure(.EADDRINUSE, Reason("unix_bind_bsd", "vfs_mknod: \"\(shown)\" exists (EEXIST)"))
    case .failure(let e):
      return .failure(e, Reason("unix_bind_bsd", "cannot create \"\(shown)\""))
    }
    if sk.address != nil {
      vfs.remove(node, at: path)
      return .failure(.EINVAL, Reason("unix_bind_bsd", "socket is already bound (u->addr set); new inode unlinked"))
    }
    node.boundSock = sk
    sk.boundNode = node
    sk.address = SockAddrUn(path: path + [0], length: Int32(2 + path.count + 1))
    return .success()
  }

  /// `unix_bind_abstract`.
  func unixBindAbstract(_ sk: Sock, _ addr: SockAddrUn) -> SyscallOutcome {
    if sk.address != nil {
      return .failure(.EINVAL, Reason("unix_bind_abstract", "socket is already bound (u->addr set)"))
    }
    let name = Self.abstractName(addr)
    if abstractNames.find(name, type: sk.type) != nil {
      return .failure(
        .EADDRINUSE, Reason("unix_bind_abstract", "\(addr.display) is bound by another \(sk.type) socket"))
    }
    abstractNames.insert(sk, name: name)
    sk.address = SockAddrUn(path: name, length: addr.length)
    return .success()
  }

  /// `unix_may_passcred`: the socket asks for credentials (SO_PASSCRED or SO_PASSPIDFD), so
  /// it must have a name its peers can be told; connecting or sending autobinds it.
  func unixMayPasscred(_ sk: Sock) -> Bool { sk.scmRecvFlags.credentials || sk.scmRecvFlags.pidfd }

  /// `unix_autobind`: an already bound socket keeps its name; otherwise the first free
  /// name `"\0%05x"` probing upward from a start the kernel picks at random (here the
  /// injectable ``autobindStart``), modulo 2^20.
  func unixAutobind(_ sk: Sock) -> SyscallOutcome {
    var bound = SyscallOutcome.success()
    // Not part of bind's return: the name the session learns, as getsockname would give it.
    bound.name = sk.address
    if sk.address != nil { return bound }
    let start = autobindStart & 0xFFFFF
    var ordernum = start
    while true {
      let hex = String(ordernum, radix: 16).leftPad(5)
      let name = [UInt8(0)] + Array(hex.utf8)
      if abstractNames.find(name, type: sk.type) == nil {
        abstractNames.insert(sk, name: name)
        sk.address = SockAddrUn(path: name, length: Int32(2 + name.count))
        bound.name = sk.address
        return bound
      }
      ordernum = (ordernum + 1) & 0xFFFFF
      if ordernum == start {
        return .failure(.ENOSPC, Reason("unix_autobind", "all 2^20 autobind names are taken"))
      }
    }
  }
}
