/// The bytes of a `send`: a literal string, or a count of NUL bytes (a script that only
/// cares how much it sends need not spell the data out, nor the model store it).
public enum Payload: Sendable, Equatable {
  case bytes([UInt8])
  case zeros(Int)

  /// How many bytes.
  public var count: Int {
    switch self {
    case .bytes(let b): b.count
    case .zeros(let n): n
    }
  }

  /// Bytes `range` of the payload.
  public func slice(_ range: Range<Int>) -> Payload {
    switch self {
    case .bytes(let b): .bytes(Array(b[range]))
    case .zeros: .zeros(range.count)
    }
  }

  /// The payload normalised: bytes that are all NUL become `.zeros`, so that data read
  /// back from the real kernel and from the model compare and print alike.
  public static func read(_ bytes: [UInt8]) -> Payload {
    bytes.allSatisfy { $0 == 0 } ? .zeros(bytes.count) : .bytes(bytes)
  }

  /// One piece joined: itself, normalised.
  static func joined(only piece: Payload) -> Payload {
    guard case .bytes(let b) = piece else { return piece }
    return .read(b)
  }

  /// The concatenation of `pieces`, normalised as ``read(_:)``.
  public static func joined(_ pieces: [Payload]) -> Payload {
    // One piece (most reads take one skb's bytes): itself, normalised, without a copy.
    if pieces.count == 1 { return joined(only: pieces[0]) }
    let total = pieces.reduce(0) { $0 + $1.count }
    if pieces.allSatisfy({ if case .zeros = $0 { true } else { false } }) { return .zeros(total) }
    var bytes: [UInt8] = []
    bytes.reserveCapacity(total)
    for piece in pieces {
      switch piece {
      case .bytes(let b): bytes += b
      case .zeros(let n): bytes += repeatElement(0, count: n)
      }
    }
    return .read(bytes)
  }

  /// The bytes themselves (NULs for `.zeros`).
  public var materialized: [UInt8] {
    switch self {
    case .bytes(let b): b
    case .zeros(let n): [UInt8](repeating: 0, count: n)
    }
  }
}

/// Sent to and from the kernel backend's process hosts (a forked child's calls).
extension Payload: Codable {}
