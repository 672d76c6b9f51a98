import SyscallVocabulary

/// The abstract socket names of one network namespace (`unix_socket_table`'s abstract
/// buckets). The hash mixes in `sk_type`, so each socket type has its own names.
struct AbstractNamespace {
  private struct Key: Hashable {
    let type: SocketType
    let name: [UInt8]
  }
  private var bound: [Key: Sock] = [:]

  /// `__unix_find_socket_byname`.
  func find(_ name: [UInt8], type: SocketType) -> Sock? { bound[Key(type: type, name: name)] }

  /// `__unix_set_addr_hash` for an abstract address.
  mutating func insert(_ sock: Sock, name: [UInt8]) { bound[Key(type: sock.type, name: name)] = sock }

  /// `__unix_remove_socket`.
  mutating func remove(_ sock: Sock, name: [UInt8]) {
    let key = Key(type: sock.type, name: name)
    if bound[key] === sock { bound[key] = nil }
  }
}
