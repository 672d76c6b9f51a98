/// The names that end in a number (`c0`, `c1`, … `c999999`), by the number, for one prefix:
/// what `repeat N as i { client c$i … }` makes. Hashing a new name for a dictionary cost some
/// 350 instructions for each look-up and each insertion (callgrind, the backlog scenario),
/// and the dictionary some 75 bytes a name at its doubling; here a name is an index into
/// pages of 256 slots, 8 bytes a name once its page is made.
struct NumberedNames<Value: AnyObject> {
  /// The bytes before the number.
  let prefix: [UInt8]
  /// Page `n >> 8` holds numbers `n & 255`; a page never written is empty (no storage).
  private var pages: [[Value?]] = []

  init(prefix: [UInt8]) { self.prefix = prefix }

  /// The largest number kept here: at most 4 096 pages (32 KiB of page references) for a
  /// name such as `c1048575`; a larger number is kept in the dictionary, by its text.
  static var numberLimit: Int { 1 << 20 }
  private static var pageSize: Int { 256 }

  subscript(number: Int) -> Value? {
    get {
      let page = number / Self.pageSize
      guard page < pages.count, !pages[page].isEmpty else { return nil }
      return pages[page][number % Self.pageSize]
    }
    set {
      let page = number / Self.pageSize
      if page >= pages.count {
        guard newValue != nil else { return }
        pages.append(contentsOf: repeatElement([], count: page + 1 - pages.count))
      }
      if pages[page].isEmpty {
        guard newValue != nil else { return }
        pages[page] = Array(repeating: nil, count: Self.pageSize)
      }
      pages[page][number % Self.pageSize] = newValue
    }
  }

  /// Every name kept, as text.
  /// Every value, in the order of its number.
  var values: [Value] { pages.flatMap { $0.compactMap { $0 } } }

  var names: [String] {
    var names: [String] = []
    let prefix = String(decoding: self.prefix, as: UTF8.self)
    for (p, page) in pages.enumerated() {
      for (i, value) in page.enumerated() where value != nil { names.append(prefix + String(p * Self.pageSize + i)) }
    }
    return names
  }

  /// Where `name` is kept among `tables`: the index of the table of its prefix (nil when no
  /// table has it yet), its number, and the length in bytes of its prefix; nil when the name
  /// does not end in a number written as `String(number)` writes it (no sign, no leading
  /// zero: `c01` is a name of its own) below ``numberLimit``, or is a number alone. A rule of
  /// the text alone, so that a name is always looked for where it was put.
  static func locate(_ name: String, among tables: [NumberedNames]) -> (table: Int?, number: Int, prefixLength: Int)? {
    var name = name
    return name.withUTF8 { bytes -> (Int?, Int, Int)? in
      var start = bytes.count
      while start > 0, bytes[start - 1] &- UInt8(ascii: "0") < 10 { start -= 1 }
      let digits = bytes.count - start
      // At most 7 digits (1 048 575 < 10^7); a leading zero only for "0" itself.
      guard digits > 0, digits <= 7, start > 0, digits == 1 || bytes[start] != UInt8(ascii: "0") else {
        return nil
      }
      var number = 0
      for i in start..<bytes.count { number = number * 10 + Int(bytes[i] &- UInt8(ascii: "0")) }
      guard number < numberLimit else { return nil }
      // Byte by byte: `elementsEqual` on the two buffers went through their iterators.
      let table = tables.firstIndex { table in
        table.prefix.count == start
          && table.prefix.withUnsafeBufferPointer { prefix in (0..<start).allSatisfy { prefix[$0] == bytes[$0] } }
      }
      return (table, number, start)
    }
  }
}
