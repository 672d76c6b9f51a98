/// `struct sockaddr_un` as passed to bind/connect: the family, the bytes of `sun_path`
/// and the `addrlen` the caller passed.
public struct SockAddrUn: Sendable, Equatable {
  /// `sun_family`.
  public var family: UInt16
  /// The `sun_path` bytes the caller filled in (at most 108 are read).
  public var path: [UInt8]
  /// The `addrlen` argument: 2 (the family) plus the bytes of `sun_path` that count.
  public var length: Int32

  /// An address with an explicit length.
  public init(family: UInt16 = UInt16(AF_UNIX), path: [UInt8], length: Int32) {
    self.family = family
    self.path = path
    self.length = length
  }

  /// A filesystem address as C code usually builds it: the path, its NUL, and
  /// `addrlen = offsetof(sun_path) + strlen + 1`; a path of exactly 108 bytes is passed
  /// without the NUL (`sizeof(struct sockaddr_un)`), as the kernel allows.
  public static func filesystem(_ path: String) -> SockAddrUn { filesystem(Array(path.utf8)) }

  /// ``filesystem(_:)-(String)`` for a path given as bytes; a path longer than 108 bytes
  /// gives an `addrlen` the kernel refuses.
  public static func filesystem(_ bytes: [UInt8]) -> SockAddrUn {
    let counted = bytes.count >= UNIX_PATH_MAX ? bytes.count : bytes.count + 1
    return SockAddrUn(path: bytes + [0], length: Int32(clamping: 2 + counted))
  }

  /// An abstract address: a leading NUL, then the name's bytes, no terminator.
  public static func abstract(_ name: [UInt8]) -> SockAddrUn {
    SockAddrUn(path: [0] + name, length: Int32(3 + name.count))
  }

  /// `sizeof(struct sockaddr_un)`: the buffer a call that reports an address passes.
  public static let size: Int32 = 110

  /// True when `sun_path` starts with a NUL byte (the abstract namespace).
  public var isAbstract: Bool { path.first == 0 }

  /// A readable rendering: `"path"` or `@name` (non-printable bytes escaped).
  public var display: String {
    // A path of printable ASCII with nothing to escape, as nearly every path is, is copied
    // between its quotes in place: through an array and a decoding, `"server.sock"` cost
    // some 1 200 instructions, a fifth of the connect its trace line shows.
    if !isAbstract, let plain = Self.quotedPlain(path.prefix { $0 != 0 }) { return plain }
    // Written as bytes and decoded once: a string appended to scalar by scalar cost some
    // 4 000 instructions for `"server.sock"`, as much as the connect the trace line shows.
    var text: [UInt8] = []
    text.reserveCapacity(Int(length) + 3)
    if isAbstract {
      text.append(UInt8(ascii: "@"))
      text.append(UInt8(ascii: "\""))
      Self.escape(path.dropFirst().prefix(max(0, Int(length) - 3)), into: &text)
    } else {
      text.append(UInt8(ascii: "\""))
      Self.escape(path.prefix { $0 != 0 }, into: &text)
    }
    text.append(UInt8(ascii: "\""))
    return String(decoding: text, as: UTF8.self)
  }

  /// `"bytes"` when every byte is printable ASCII other than `"` and `\`; nil otherwise.
  private static func quotedPlain(_ bytes: ArraySlice<UInt8>) -> String? {
    guard bytes.allSatisfy({ 0x20..<0x7f ~= $0 && $0 != UInt8(ascii: "\"") && $0 != UInt8(ascii: "\\") }) else {
      return nil
    }
    return String(unsafeUninitializedCapacity: bytes.count + 2) { buffer in
      buffer[0] = UInt8(ascii: "\"")
      let end = buffer[1...].initialize(fromContentsOf: bytes)
      buffer[end] = UInt8(ascii: "\"")
      return end + 1
    }
  }

  /// The bytes of a path as strace shows them between quotes: `"` and `\` escaped, and
  /// what is not printable ASCII as `\xNN`.
  package static func escape<C: Collection>(_ bytes: C) -> String where C.Element == UInt8 {
    var text: [UInt8] = []
    text.reserveCapacity(bytes.count)
    escape(bytes, into: &text)
    return String(decoding: text, as: UTF8.self)
  }

  private static func escape<C: Collection>(_ bytes: C, into text: inout [UInt8]) where C.Element == UInt8 {
    for byte in bytes {
      switch byte {
      case UInt8(ascii: "\""), UInt8(ascii: "\\"):
        text.append(UInt8(ascii: "\\"))
        text.append(byte)
      case 0x20..<0x7f:
        text.append(byte)
      default:
        HexEscape.append(byte, to: &text)
      }
    }
  }
}

/// `UNIX_PATH_MAX`: size of `sun_path`.
public let UNIX_PATH_MAX = 108

/// Left-padded to `width`: the `%05x` of autobind names, the fraction of a time, a column
/// of a table.
extension String {
  package func leftPad(_ width: Int, with pad: Character = "0") -> String {
    count >= width ? self : String(repeating: pad, count: width - count) + self
  }
}

/// Sent to and from the kernel backend's process hosts (a forked child's calls).
extension SockAddrUn: Codable {}
