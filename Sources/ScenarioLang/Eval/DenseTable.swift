/// Values by a number handed out in counting order (a task's id, from 0; a socket's inode,
/// from the kernel's first): an array indexed by the number less the first one stored. A
/// dictionary cost some 48 bytes an entry at a million (24-byte buckets, at most 3/4 full,
/// doubled when full, and both tables alive while it rehashes: `massif`), the array 16 to 32.
///
/// A number far beyond the others (a real kernel's inodes are not bound to be dense) or
/// below the first goes in a dictionary instead, so that no number costs a run of empty
/// slots longer than ``maxGap``.
struct DenseTable<Value> {
  /// The number of `dense[0]`: the first one stored.
  private var base: Int?
  private var dense: [Value?] = []
  /// The numbers `dense` does not reach.
  private var sparse: [Int: Value] = [:]
  /// How many empty slots a number may add at the end of `dense`.
  static var maxGap: Int { 4096 }

  /// A table whose numbers start at `base`, or at the first one stored.
  init(base: Int? = nil) { self.base = base }

  subscript(key: Int) -> Value? {
    get {
      if let base, key >= base, key - base < dense.count, let value = dense[key - base] { return value }
      // A number stored before `dense` grew over it is still in `sparse`.
      return sparse.isEmpty ? nil : sparse[key]
    }
    set {
      if base == nil { base = key }
      let offset = key - base!
      guard offset >= 0, offset < dense.count + Self.maxGap else {
        sparse[key] = newValue
        return
      }
      if offset >= dense.count {
        guard newValue != nil else { return sparse[key] = nil }
        if offset > dense.count { dense.append(contentsOf: repeatElement(nil, count: offset - dense.count)) }
        dense.append(newValue)
      } else {
        dense[offset] = newValue
      }
      if !sparse.isEmpty { sparse[key] = nil }
    }
  }

  /// The stored numbers with their values, in increasing order of number.
  var sortedEntries: [(key: Int, value: Value)] {
    var entries = sparse.map { (key: $0.key, value: $0.value) }
    if let base {
      for (offset, value) in dense.enumerated() {
        if let value { entries.append((key: base + offset, value: value)) }
      }
    }
    return entries.sorted { $0.key < $1.key }
  }
}
