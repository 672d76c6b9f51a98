import SyscallVocabulary
import Testing

/// What a read returns is the concatenation of the chunks it took, NULs counted rather than
/// kept, whether it took one chunk or several.
@Suite("Payload")
struct PayloadTests {
  @Test("one piece: itself, with NUL-only bytes normalised to a count")
  func onePiece() {
    #expect(Payload.joined([.bytes([1, 2])]) == .bytes([1, 2]))
    #expect(Payload.joined([.bytes([0, 0, 0])]) == .zeros(3))
    #expect(Payload.joined([.zeros(4)]) == .zeros(4))
  }

  @Test("several pieces: the bytes in order, zeros among them materialised")
  func severalPieces() {
    #expect(Payload.joined([.bytes([1]), .zeros(2), .bytes([3])]) == .bytes([1, 0, 0, 3]))
    #expect(Payload.joined([.zeros(1), .zeros(2)]) == .zeros(3))
    #expect(Payload.joined([.bytes([0]), .zeros(1)]) == .zeros(2))
    #expect(Payload.joined([]) == .zeros(0))
  }

  @Test(
    "pieces collected one by one join as the list of them does, in order, whatever their number",
    arguments: [
      [], [.bytes([1, 2])], [.zeros(3)], [.bytes([1]), .zeros(2)], [.bytes([1]), .zeros(2), .bytes([3])],
      [.zeros(1), .zeros(2), .zeros(3)],
    ] as [[Payload]])
  func collectedPieces(_ pieces: [Payload]) {
    var collected = PayloadPieces()
    #expect(collected.isEmpty)
    for piece in pieces { collected.append(piece) }
    #expect(collected.isEmpty == pieces.isEmpty)
    #expect(collected.joined == Payload.joined(pieces))
  }
}
