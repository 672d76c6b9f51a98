/// Objects by name, found without hashing for the names scripts use most. A script names a
/// few sockets over and over (`server`, `a`, `s`), and makes many in loops (`c$i`): hashing
/// a name for a dictionary cost some 400 instructions a look-up or an insertion (callgrind,
/// a pingpong turn, the backlog scenario). So the first few names without a number are kept
/// in a short list, compared one by one (a name of up to 15 bytes, which a `String` keeps
/// inline, compares in a few instructions), names that end in a number by prefix and number
/// (``NumberedNames``), and only the rest in the dictionary.
///
/// Where a name is kept depends on its text and on the lists as they were when it was first
/// stored: a list only grows, so a name found in neither list is in the dictionary, if
/// anywhere.
struct NameTable<Value: AnyObject> {
  /// The first ``plainCapacity`` names without a number ever stored, and their objects (nil
  /// once removed: the name keeps its slot).
  private var plainNames: [String] = []
  private var plainValues: [Value?] = []
  private static var plainCapacity: Int { 16 }
  /// The tables of numbered names, one per prefix, in the order the prefixes first came; a
  /// prefix past the first ``numberedCapacity`` keeps its names in the dictionary, since each
  /// look-up compares the prefix with every table's.
  private var numbered: [NumberedNames<Value>] = []
  private static var numberedCapacity: Int { 8 }
  private var byName: [String: Value] = [:]
  /// The names most recently looked up and what they named, replaced in turn; a change of
  /// the table changes its entry too, so an entry is always what the table holds. The
  /// statements of a loop name the same few sockets: a remembered name is found by one
  /// comparison or two, before its text is looked at for a number.
  private var recentNames: [String] = []
  private var recentValues: [Value] = []
  private var nextRecent = 0
  private static var recentCapacity: Int { 4 }

  /// Every name in the table, in no particular order.
  var names: [String] {
    zip(plainNames, plainValues).compactMap { $1 == nil ? nil : $0 } + Array(byName.keys)
      + numbered.flatMap(\.names)
  }

  /// Every value, in no particular order.
  var values: [Value] {
    plainValues.compactMap { $0 } + Array(byName.values) + numbered.flatMap(\.values)
  }

  subscript(name: String) -> Value? {
    mutating get {
      for i in recentNames.indices where recentNames[i] == name { return recentValues[i] }
      guard let value = stored(name) else { return nil }
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
      store(newValue, as: name)
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

  private func stored(_ name: String) -> Value? {
    if let (table, number, _) = NumberedNames.locate(name, among: numbered) {
      if let table { return numbered[table][number] }
    } else if let i = plainNames.firstIndex(of: name) {
      return plainValues[i]
    }
    return byName.isEmpty ? nil : byName[name]
  }

  private mutating func store(_ newValue: Value?, as name: String) {
    if let (table, number, prefixLength) = NumberedNames.locate(name, among: numbered) {
      if let table { return numbered[table][number] = newValue }
      if newValue != nil && numbered.count < Self.numberedCapacity {
        // The prefix's first name: no name with it is in the dictionary, or its table
        // would have been made then.
        numbered.append(NumberedNames(prefix: Array(name.utf8.prefix(prefixLength))))
        return numbered[numbered.count - 1][number] = newValue
      }
    } else if let i = plainNames.firstIndex(of: name) {
      return plainValues[i] = newValue
    } else if newValue != nil && plainNames.count < Self.plainCapacity {
      plainNames.append(name)
      return plainValues.append(newValue)
    }
    byName[name] = newValue
  }
}
