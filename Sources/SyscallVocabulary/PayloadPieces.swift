/// The pieces a read copies out, one per skb it takes bytes from, joined when it returns
/// (``Payload/joined(_:)``). Most reads take one skb's bytes: a lone piece is kept without
/// an array (an allocation and its release per `recv`), and the array is made at the
/// second.
public struct PayloadPieces: Sendable {
  private var single: Payload?
  private var several: [Payload] = []

  public init() {}

  /// No piece yet.
  public var isEmpty: Bool { single == nil && several.isEmpty }

  /// Adds the next piece.
  public mutating func append(_ piece: Payload) {
    if !several.isEmpty {
      several.append(piece)
    } else if let first = single {
      several = [first, piece]
      single = nil
    } else {
      single = piece
    }
  }

  /// The pieces as one payload, as ``Payload/joined(_:)`` joins them.
  public var joined: Payload {
    if let single { return Payload.joined(only: single) }
    return Payload.joined(several)
  }
}
