#if canImport(Glibc)
  import Glibc

  /// The kernel's own picture of its AF_UNIX sockets, as `ss -x` reads it: a dump of
  /// NETLINK_SOCK_DIAG's `unix_diag` in the calling thread's network namespace (the run's
  /// private one), with each socket's name, peer, the connections queued on a listener,
  /// Recv-Q and Send-Q (`udiag_rqueue`, `udiag_wqueue`) and its shutdown bits.
  enum UnixDiag {
    struct Entry {
      let inode: Int
      let type: UInt8
      let state: UInt8
      var name: [UInt8]?
      var peer: Int?
      /// A listener's queued connections, by the connecting socket's inode (`UNIX_DIAG_ICONS`).
      var icons: [Int] = []
      var rqueue: UInt32 = 0
      var wqueue: UInt32 = 0
      var shutdown: UInt8 = 0
    }

    static let NETLINK_SOCK_DIAG: Int32 = 4
    static let SOCK_DIAG_BY_FAMILY: UInt16 = 20
    static let NLMSG_DONE: UInt16 = 3
    static let NLMSG_ERROR: UInt16 = 2
    /// `UDIAG_SHOW_NAME | UDIAG_SHOW_PEER | UDIAG_SHOW_ICONS | UDIAG_SHOW_RQLEN`.
    static let show: UInt32 = 0x1 | 0x4 | 0x8 | 0x10

    /// Every socket of the namespace by inode; empty when the dump cannot be made.
    static func dump() -> [Int: Entry] {
      let fd = socket(AF_NETLINK, Int32(SOCK_DGRAM.rawValue) | Int32(SOCK_CLOEXEC.rawValue), NETLINK_SOCK_DIAG)
      guard fd >= 0 else { return [:] }
      defer { close(fd) }
      // struct nlmsghdr (16 bytes) + struct unix_diag_req (24 bytes).
      var request = [UInt8](repeating: 0, count: 40)
      request.withUnsafeMutableBytes { raw in
        raw.storeBytes(of: UInt32(40), toByteOffset: 0, as: UInt32.self)
        raw.storeBytes(of: SOCK_DIAG_BY_FAMILY, toByteOffset: 4, as: UInt16.self)
        raw.storeBytes(of: UInt16(0x1 | 0x300), toByteOffset: 6, as: UInt16.self)  // NLM_F_REQUEST|NLM_F_DUMP
        raw.storeBytes(of: UInt32(1), toByteOffset: 8, as: UInt32.self)
        raw.storeBytes(of: UInt8(AF_UNIX), toByteOffset: 16, as: UInt8.self)
        raw.storeBytes(of: UInt32.max, toByteOffset: 20, as: UInt32.self)  // every state
        raw.storeBytes(of: show, toByteOffset: 28, as: UInt32.self)
      }
      guard request.withUnsafeBytes({ send(fd, $0.baseAddress, $0.count, 0) }) == 40 else { return [:] }
      var entries: [Int: Entry] = [:]
      var buffer = [UInt8](repeating: 0, count: 65536)
      while true {
        let count = buffer.withUnsafeMutableBytes { recv(fd, $0.baseAddress, $0.count, 0) }
        guard count > 0 else { return entries }
        var offset = 0
        while offset + 16 <= count {
          let (length, type) = buffer.withUnsafeBytes {
            (
              $0.loadUnaligned(fromByteOffset: offset, as: UInt32.self),
              $0.loadUnaligned(fromByteOffset: offset + 4, as: UInt16.self)
            )
          }
          guard length >= 16, offset + Int(length) <= count else { return entries }
          if type == NLMSG_DONE || type == NLMSG_ERROR { return entries }
          if let entry = parse(buffer[(offset + 16)..<(offset + Int(length))]) { entries[entry.inode] = entry }
          offset += (Int(length) + 3) & ~3
        }
      }
    }

    /// One `struct unix_diag_msg` (16 bytes) and its attributes.
    private static func parse(_ message: ArraySlice<UInt8>) -> Entry? {
      let bytes = Array(message)
      guard bytes.count >= 16 else { return nil }
      let inode = bytes.withUnsafeBytes { Int($0.loadUnaligned(fromByteOffset: 4, as: UInt32.self)) }
      var entry = Entry(inode: inode, type: bytes[1], state: bytes[2])
      var offset = 16
      while offset + 4 <= bytes.count {
        let (length, kind) = bytes.withUnsafeBytes {
          (
            Int($0.loadUnaligned(fromByteOffset: offset, as: UInt16.self)),
            $0.loadUnaligned(fromByteOffset: offset + 2, as: UInt16.self)
          )
        }
        guard length >= 4, offset + length <= bytes.count else { break }
        let payload = Array(bytes[(offset + 4)..<(offset + length)])
        payload.withUnsafeBytes { raw in
          switch kind {
          case 0: entry.name = payload  // UNIX_DIAG_NAME
          case 2 where raw.count >= 4: entry.peer = Int(raw.loadUnaligned(as: UInt32.self))  // UNIX_DIAG_PEER
          case 3:  // UNIX_DIAG_ICONS
            entry.icons = stride(from: 0, to: raw.count - 3, by: 4).map {
              Int(raw.loadUnaligned(fromByteOffset: $0, as: UInt32.self))
            }
          case 4 where raw.count >= 8:  // UNIX_DIAG_RQLEN
            entry.rqueue = raw.loadUnaligned(as: UInt32.self)
            entry.wqueue = raw.loadUnaligned(fromByteOffset: 4, as: UInt32.self)
          case 6 where raw.count >= 1: entry.shutdown = payload[0]  // UNIX_DIAG_SHUTDOWN
          default: break
          }
        }
        offset += (length + 3) & ~3
      }
      return entry
    }
  }
#endif
