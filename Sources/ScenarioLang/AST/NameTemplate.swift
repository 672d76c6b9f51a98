/// A socket name with loop variables, as written in a `repeat` body: `c$i` names `c0`,
/// `c1`, … as `i` counts; `${i}` glues text after the variable (`pair${i}a`).
///
/// A class (of `let`s): every ``Name`` has room for one, and a reference is 8 bytes of it
/// where the two arrays were 16; names are copied with every statement and operation.
public final class NameTemplate: Sendable, Equatable {
  public enum Part: Sendable, Equatable {
    case text(String)
    case variable(String)
  }

  public let parts: [Part]
  /// Each variable with where its `$` is in the word and how long it is written (`$i` 2,
  /// `${i}` 4); words are ASCII, so these are columns.
  let uses: [(variable: String, offset: Int, length: Int)]

  /// The template in `written`; nil for a plain name (no `$`).
  init?(_ written: String) {
    guard written.contains("$") else { return nil }
    var parts: [Part] = []
    var uses: [(String, Int, Int)] = []
    var text = ""
    var scalars = written.unicodeScalars[...]
    var offset = 0
    while let c = scalars.popFirst() {
      defer { offset = written.unicodeScalars.count - scalars.count }
      guard c == "$" else {
        text.unicodeScalars.append(c)
        continue
      }
      if !text.isEmpty { parts.append(.text(text)) }
      text = ""
      let braced = scalars.first == "{"
      if braced { scalars.removeFirst() }
      var name = ""
      while let d = scalars.first, Lexer.isWordPart(d) {
        name.unicodeScalars.append(d)
        scalars.removeFirst()
      }
      if braced, scalars.first == "}" { scalars.removeFirst() }
      parts.append(.variable(name))
      uses.append((name, offset, written.unicodeScalars.count - scalars.count - offset))
    }
    if !text.isEmpty { parts.append(.text(text)) }
    self.parts = parts
    self.uses = uses
  }

  /// The loop variables it uses, in order.
  public var variables: [String] { uses.map(\.variable) }

  public static func == (a: NameTemplate, b: NameTemplate) -> Bool { a.parts == b.parts }

  /// The name for the loop variables' current values (every variable is bound: the parser
  /// checked).
  ///
  /// The bytes are written once, into the string's own storage (inline for a name of up to
  /// 15 bytes, which is why the length is counted first): appending a part at a time, each
  /// number made a `String` first, cost some 700 instructions a name (callgrind,
  /// `socketpair a$i b$i`).
  @inline(never)
  func resolve(_ bindings: LoopBindings) -> String {
    let length = parts.reduce(0) { total, part in
      switch part {
      case .text(let text): total + text.utf8.count
      case .variable(let variable): total + Self.decimalLength(bindings[variable] ?? 0)
      }
    }
    return String(unsafeUninitializedCapacity: length) { buffer in
      var count = 0
      for part in parts {
        switch part {
        case .text(let text):
          for byte in text.utf8 {
            buffer[count] = byte
            count += 1
          }
        case .variable(let variable):
          let value = bindings[variable] ?? 0
          if value < 0 {
            buffer[count] = UInt8(ascii: "-")
            count += 1
          }
          // The digits come least significant first, and are turned round in place.
          let firstDigit = count
          var magnitude = value.magnitude
          repeat {
            buffer[count] = UInt8(ascii: "0") + UInt8(magnitude % 10)
            magnitude /= 10
            count += 1
          } while magnitude > 0
          buffer[firstDigit..<count].reverse()
        }
      }
      return count
    }
  }

  /// The bytes of `value` in decimal, its sign included.
  private static func decimalLength(_ value: Int) -> Int {
    var magnitude = value.magnitude
    var length = value < 0 ? 2 : 1
    while magnitude >= 10 {
      magnitude /= 10
      length += 1
    }
    return length
  }

  /// The same text with the variables in the same places, whatever they are called: `c$i`
  /// in one loop and `c$j` in another can name the same sockets.
  func hasShape(of other: NameTemplate) -> Bool {
    parts.count == other.parts.count
      && zip(parts, other.parts).allSatisfy { a, b in
        switch (a, b) {
        case (.text(let x), .text(let y)): x == y
        case (.variable, .variable): true
        default: false
        }
      }
  }

  /// True when some values of the variables give `name` (each value a decimal count).
  func canProduce(_ name: String) -> Bool { Self.match(parts[...], Array(name.utf8)[...]) }

  private static func match(_ parts: ArraySlice<Part>, _ rest: ArraySlice<UInt8>) -> Bool {
    guard let part = parts.first else { return rest.isEmpty }
    switch part {
    case .text(let text):
      let bytes = Array(text.utf8)
      guard rest.starts(with: bytes) else { return false }
      return match(parts.dropFirst(), rest.dropFirst(bytes.count))
    case .variable:
      // A count: "0", or digits without a leading zero.
      let digits = rest.prefix { (UInt8(ascii: "0")...UInt8(ascii: "9")).contains($0) }
      guard !digits.isEmpty else { return false }
      if digits.first == UInt8(ascii: "0") { return match(parts.dropFirst(), rest.dropFirst()) }
      for length in 1...digits.count where match(parts.dropFirst(), rest.dropFirst(length)) { return true }
      return false
    }
  }
}
