/// Objects by name, remembering the last few names looked up. The statements of a loop name
/// the same few sockets over and over: comparing a short name (up to 15 bytes, which a
/// `String` keeps inline) with a remembered one costs a few instructions, where hashing it
/// for the dictionary cost some 400 per statement (callgrind, a pingpong turn).
struct NameTable<Value: AnyObject> {
  private var byName: [String: Value] = [:]
  /// The names most recently looked up and what they named, replaced in turn; a change of
  /// the table changes its entry too, so an entry is always what the dictionary holds.
  private var recentNames: [String] = []
  private var recentValues: [Value] = []
  private var nextRecent = 0
  private static var recentCapacity: Int { 4 }

  /// Every name in the table.
  var names: Dictionary<String, Value>.Keys { byName.keys }

  subscript(name: String) -> Value? {
    mutating get {
      for i in recentNames.indices where recentNames[i] == name { return recentValues[i] }
      guard let value = byName[name] else { return nil }
      if recentNames.count < Self.recentCapacity {
        recentNames.append(name)
        recentValues.append(value)
      } else {
        recentNames[nextRecent] = name
        recentValues[nextRecent] = value
        nextRecent = (nextRecent + 1) % Self.recentCapacity
      }
      return value
    }
    set {
      byName[name] = newValue
      guard let i = recentNames.firstIndex(of: name) else { return }
      if let newValue {
        recentValues[i] = newValue
      } else {
        recentNames.removeAll(keepingCapacity: true)
        recentValues.removeAll(keepingCapacity: true)
        nextRecent = 0
      }
    }
  }
}
