import DequeModule

/// The calls the session submitted and has not seen return, by tag.
///
/// The latest call is kept in a slot of its own until another is submitted: a script makes
/// one call at a time far more often than not, and that call returns before the next is
/// submitted, so it is never copied into and out of the older calls' storage (callgrind:
/// some 5 % of a pingpong's instructions). The older ones are kept in tag order, which is
/// the order they were submitted in (tags only grow): found by a binary search, not by
/// hashing the tag, and taken off the ends as they return (a dictionary by tag cost a
/// backlog connection, whose three calls are queued at once, some 700 instructions).
struct SubmittedCalls {
  /// Older calls by ascending tag; a call that returned while others around it had not is
  /// a hole (nil) until an end reaches it, or until the holes are half the entries.
  private var older: Deque<(tag: Int, call: SubmittedCall?)> = []
  private var holes = 0
  /// The slot: its tag apart, so that looking at it copies nothing.
  private var latestTag: Int?
  private var latest: SubmittedCall?

  var isEmpty: Bool { latestTag == nil && older.isEmpty }

  /// Keeps `call` under `tag`, a tag higher than any kept so far.
  mutating func insert(_ call: SubmittedCall, tag: Int) {
    spill()
    latestTag = tag
    latest = consume call
  }

  mutating func removeValue(forKey tag: Int) -> SubmittedCall? {
    guard latestTag == tag else { return removeOlder(tag) }
    latestTag = nil
    return latest.take()
  }

  subscript(tag: Int) -> SubmittedCall? {
    get {
      if latestTag == tag { return latest }
      return position(of: tag).flatMap { older[$0].call }
    }
    set {
      guard latestTag == tag else {
        guard let newValue else {
          _ = removeOlder(tag)
          return
        }
        setOlder(newValue, tag: tag)
        return
      }
      if newValue == nil { latestTag = nil }
      latest = newValue
    }
  }

  /// Every call kept, in no particular order.
  var all: [(tag: Int, call: SubmittedCall)] {
    var all = older.compactMap { entry in entry.call.map { (tag: entry.tag, call: $0) } }
    if let latestTag, let latest { all.append((latestTag, latest)) }
    return all
  }

  /// The slot's call goes to the older ones, to make room for a later one: its tag is the
  /// highest, so it goes at the end.
  private mutating func spill() {
    guard let tag = latestTag else { return }
    older.append((tag, latest.take()))
    latestTag = nil
  }

  /// Where `tag` is among the older calls (a hole included), if it is there.
  private func position(of tag: Int) -> Int? {
    if let last = older.last, last.tag == tag { return older.count - 1 }
    let at = insertionPoint(of: tag)
    return at < older.count && older[at].tag == tag ? at : nil
  }

  /// The first position whose tag is not below `tag`.
  private func insertionPoint(of tag: Int) -> Int {
    var low = 0
    var high = older.count
    while low < high {
      let middle = (low + high) / 2
      if older[middle].tag < tag { low = middle + 1 } else { high = middle }
    }
    return low
  }

  private mutating func removeOlder(_ tag: Int) -> SubmittedCall? {
    guard let at = position(of: tag), let call = older[at].call else { return nil }
    older[at].call = nil
    holes += 1
    // The ends never hold a hole, so a table of holes only is empty.
    while let last = older.last, last.call == nil {
      older.removeLast()
      holes -= 1
    }
    while let first = older.first, first.call == nil {
      older.removeFirst()
      holes -= 1
    }
    // Calls that return out of order behind one that stays leave holes: dropped in one pass
    // once they are half the entries, so the storage stays within twice the calls in flight.
    if holes > 16, holes * 2 > older.count {
      older.removeAll { $0.call == nil }
      holes = 0
    }
    return call
  }

  /// A call set under a tag that is not the latest's: in its place, a new one in tag order.
  private mutating func setOlder(_ call: SubmittedCall, tag: Int) {
    if let latestTag, tag > latestTag {
      // Above the slot's: the new latest.
      insert(call, tag: tag)
      return
    }
    let at = insertionPoint(of: tag)
    if at < older.count, older[at].tag == tag {
      if older[at].call == nil { holes -= 1 }
      older[at].call = call
    } else {
      older.insert((tag, call), at: at)
    }
  }
}
