/// The calls the session submitted and has not seen return, by tag.
///
/// The latest call is kept in a slot of its own until another is submitted: a script makes
/// one call at a time far more often than not, and that call returns before the next is
/// submitted, so its tag is never hashed and the call never copied into and out of the
/// dictionary's storage (callgrind: some 5 % of a pingpong's instructions).
struct SubmittedCalls {
  private var byTag: [Int: SubmittedCall] = [:]
  /// The slot: its tag apart, so that looking at it copies nothing.
  private var latestTag: Int?
  private var latest: SubmittedCall?

  var isEmpty: Bool { latestTag == nil && byTag.isEmpty }

  /// Keeps `call` under `tag`, a tag higher than any kept so far.
  mutating func insert(_ call: SubmittedCall, tag: Int) {
    spill()
    latestTag = tag
    latest = consume call
  }

  mutating func removeValue(forKey tag: Int) -> SubmittedCall? {
    guard latestTag == tag else { return byTag.removeValue(forKey: tag) }
    latestTag = nil
    return latest.take()
  }

  subscript(tag: Int) -> SubmittedCall? {
    get { latestTag == tag ? latest : byTag[tag] }
    set {
      guard latestTag == tag else {
        byTag[tag] = newValue
        return
      }
      if newValue == nil { latestTag = nil }
      latest = newValue
    }
  }

  /// Every call kept, in no particular order.
  var all: [(tag: Int, call: SubmittedCall)] {
    var all = byTag.map { (tag: $0.key, call: $0.value) }
    if let latestTag, let latest { all.append((latestTag, latest)) }
    return all
  }

  /// The slot's call goes into the dictionary, to make room for a later one.
  private mutating func spill() {
    guard let tag = latestTag else { return }
    byTag[tag] = latest.take()
    latestTag = nil
  }
}
