/// The values of the loop variables of the `repeat`s running now, innermost last. At most
/// ``Limits/maxNesting`` of them, each named differently (the parser refuses a variable that
/// an enclosing loop uses), so a look-up compares a few short names: a dictionary hashed the
/// name on every iteration and on every name made from it, 300 instructions each (callgrind).
struct LoopBindings: ExpressibleByDictionaryLiteral {
  private var names: [String] = []
  private var values: [Int] = []

  init() {}

  init(dictionaryLiteral elements: (String, Int)...) {
    for (name, value) in elements { self[name] = value }
  }

  /// The variable's value; setting nil ends the innermost binding of that name.
  subscript(name: String) -> Int? {
    get {
      guard let index = names.lastIndex(of: name) else { return nil }
      return values[index]
    }
    set {
      guard let index = names.lastIndex(of: name) else {
        if let newValue {
          names.append(name)
          values.append(newValue)
        }
        return
      }
      if let newValue {
        values[index] = newValue
      } else {
        names.remove(at: index)
        values.remove(at: index)
      }
    }
  }
}
