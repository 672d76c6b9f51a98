import SyscallVocabulary

/// The little of the filesystem AF_UNIX touches: directories, ordinary files, and socket
/// inodes that remember which socket is bound to them (`unix_find_socket_byinode`).
final class VFS {
  /// An inode.
  final class Node {
    enum Kind { case directory, regular, socket }
    let kind: Kind
    /// The socket bound to this inode, until it is released (the file stays, stale).
    weak var boundSock: Sock?
    init(_ kind: Kind) { self.kind = kind }
  }

  private var nodes: [[UInt8]: Node] = [[]: Node(.directory), Array("tmp".utf8): Node(.directory)]

  /// Splits `path` into components relative to the root; `.` is dropped and `..` climbs.
  /// The working directory of every task is `/`, so relative and absolute paths agree.
  static func components(_ path: [UInt8]) -> [[UInt8]] {
    var result: [[UInt8]] = []
    for part in path.split(separator: UInt8(ascii: "/"), omittingEmptySubsequences: true) {
      if part.elementsEqual([UInt8(ascii: ".")]) { continue }
      if part.elementsEqual([UInt8(ascii: "."), UInt8(ascii: ".")]) {
        _ = result.popLast()
        continue
      }
      result.append(Array(part))
    }
    return result
  }

  /// No `/`, and not `.` or `..`: one component, which is its own key.
  static func isPlainName(_ path: [UInt8]) -> Bool {
    !path.contains(UInt8(ascii: "/")) && path != [UInt8(ascii: ".")] && path != [UInt8(ascii: "."), UInt8(ascii: ".")]
  }

  private static func key(_ components: [[UInt8]]) -> [UInt8] {
    Array(components.joined(separator: [UInt8(ascii: "/")]))
  }

  /// Resolves every directory leading to the last component (`ENOENT`, `ENOTDIR`).
  private func parentError(_ components: [[UInt8]]) -> Errno? {
    for depth in 0..<max(0, components.count - 1) {
      guard let node = nodes[Self.key(Array(components[0...depth]))] else { return .ENOENT }
      if node.kind != .directory { return .ENOTDIR }
    }
    return nil
  }

  /// The last path found and its node, as the dcache keeps a dentry: every connect of a
  /// script names the same path, and hashing it cost some 550 instructions a connect
  /// (callgrind, the backlog scenario), where comparing it with the last one is one check
  /// that the two arrays share their storage. Forgotten when a name goes; a new name
  /// changes no path already found.
  private var lastFound: (path: [UInt8], node: Node)?

  /// `kern_path`: the node at `path`.
  func lookup(_ path: [UInt8]) -> Result<Node, Errno> {
    if let lastFound, lastFound.path == path { return .success(lastFound.node) }
    let found = walk(path)
    if case .success(let node) = found { lastFound = (path, node) }
    return found
  }

  private func walk(_ path: [UInt8]) -> Result<Node, Errno> {
    if path.isEmpty { return .failure(.ENOENT) }
    // A plain name in `/` (every `server`'s "NAME.sock", on every connect) is its own key:
    // splitting and joining it was most of a connect's cost.
    if Self.isPlainName(path) { return nodes[path].map { .success($0) } ?? .failure(.ENOENT) }
    let parts = Self.components(path)
    if let error = parentError(parts) { return .failure(error) }
    guard let node = nodes[Self.key(parts)] else { return .failure(.ENOENT) }
    return .success(node)
  }

  /// `vfs_mknod`/`vfs_mkdir` after `start_creating_path`: `EEXIST` when the name is taken.
  func create(_ path: [UInt8], kind: Node.Kind) -> Result<Node, Errno> {
    if path.isEmpty { return .failure(.ENOENT) }
    let parts = Self.components(path)
    if parts.isEmpty { return .failure(.EEXIST) }
    if let error = parentError(parts) { return .failure(error) }
    let key = Self.key(parts)
    if nodes[key] != nil { return .failure(.EEXIST) }
    let node = Node(kind)
    nodes[key] = node
    return .success(node)
  }

  /// `vfs_unlink`: removes a non-directory name.
  func unlink(_ path: [UInt8]) -> Errno? {
    if path.isEmpty { return .ENOENT }
    let parts = Self.components(path)
    if let error = parentError(parts) { return error }
    let key = Self.key(parts)
    guard let node = nodes[key] else { return .ENOENT }
    if node.kind == .directory { return .EISDIR }
    nodes[key] = nil
    lastFound = nil
    return nil
  }

  /// Removes exactly `node` from `path` (the failed-bind clean-up in `unix_bind_bsd`).
  func remove(_ node: Node, at path: [UInt8]) {
    let key = Self.key(Self.components(path))
    if nodes[key] === node {
      nodes[key] = nil
      lastFound = nil
    }
  }
}
