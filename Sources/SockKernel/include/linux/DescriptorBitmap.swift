/// A set of descriptors kept as a bitmap of words, as `struct fdtable` keeps `open_fds` and
/// `close_on_exec` (`unsigned long *`, grown with the table by `expand_fdtable`, never
/// shrunk): insert, remove and test are a bit each. A hashed set cost some 200
/// instructions per operation, several per socket made; swift-collections' `BitSet` trims
/// its trailing zero words on every removal, so reserving and installing the highest
/// descriptor reallocated it each time (callgrind, 10 000 socket pairs: 349 M instructions
/// with a `Set`, 358 M with a `BitSet`).
struct DescriptorBitmap: ExpressibleByArrayLiteral, Sequence {
  private var words: [UInt64] = []
  private(set) var count = 0

  init(arrayLiteral fds: Int32...) {
    for fd in fds { insert(fd) }
  }

  func contains(_ fd: Int32) -> Bool {
    guard fd >= 0, Int(fd) >> 6 < words.count else { return false }
    return words[Int(fd) >> 6] & (1 << UInt64(fd & 63)) != 0
  }

  mutating func insert(_ fd: Int32) {
    precondition(fd >= 0, "a descriptor is not negative")
    let word = Int(fd) >> 6
    if word >= words.count { words.append(contentsOf: repeatElement(0, count: word + 1 - words.count)) }
    let bit: UInt64 = 1 << UInt64(fd & 63)
    if words[word] & bit == 0 { count += 1 }
    words[word] |= bit
  }

  /// Clears `fd`; returns it when it was set.
  @discardableResult
  mutating func remove(_ fd: Int32) -> Int32? {
    guard contains(fd) else { return nil }
    words[Int(fd) >> 6] &= ~(1 << UInt64(fd & 63))
    count -= 1
    return fd
  }

  var isEmpty: Bool { count == 0 }

  /// Lowest first.
  func makeIterator() -> IndexingIterator<[Int32]> { sorted().makeIterator() }

  /// Lowest first (a bitmap is in order already).
  func sorted() -> [Int32] {
    var fds: [Int32] = []
    fds.reserveCapacity(count)
    for (i, word) in words.enumerated() where word != 0 {
      var bits = word
      while bits != 0 {
        fds.append(Int32(i << 6 + bits.trailingZeroBitCount))
        bits &= bits - 1
      }
    }
    return fds
  }
}
