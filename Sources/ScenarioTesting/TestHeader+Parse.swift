import ScenarioLang
import SockKernel

extension TestHeader {
  /// Reads the directives in the header of `source` (the blank and comment lines before the
  /// first statement). A malformed value of a directive, a duplicate, or a near miss of a
  /// directive's name is an error located at the offending text.
  public static func parse(_ source: SourceFile) throws(Diagnostic) -> TestHeader {
    var header = TestHeader()
    var seen: [String: Int] = [:]
    var offset = 0
    for (index, line) in source.lines.enumerated() {
      defer { offset += line.utf8.count + 1 }
      let scalars = Array(line.unicodeScalars)
      let text = HeaderLine(scalars: scalars, number: index + 1, offset: offset)
      guard let first = text.firstNonBlank else { continue }
      guard scalars[first] == "#" else { break }
      guard let (key, keyColumn, value, valueColumn) = text.directive(after: first) else { continue }
      guard directives.contains(key) else {
        if let intended = nearMiss(key) {
          throw Diagnostic(
            "unknown directive '\(key)'", at: text.location(keyColumn), length: key.unicodeScalars.count,
            notes: ["did you mean '\(intended)'?", "directives: " + directives.joined(separator: ", ")])
        }
        continue  // an ordinary comment that happens to contain a colon
      }
      if let earlier = seen[key] {
        throw Diagnostic(
          "duplicate '\(key)' directive", at: text.location(keyColumn), length: key.unicodeScalars.count,
          notes: ["the first is on line \(earlier)"])
      }
      seen[key] = index + 1
      try header.apply(key, value, at: text.location(valueColumn), end: text.location(scalars.count + 1))
    }
    return header
  }

  /// Stores one directive's value, or throws at `location` when it is malformed.
  private mutating func apply(
    _ key: String, _ value: String, at location: SourceLocation, end: SourceLocation
  ) throws(Diagnostic) {
    let length = value.unicodeScalars.count
    func fail(_ message: String, _ notes: [String] = []) -> Diagnostic {
      value.isEmpty
        ? Diagnostic("'\(key)' needs a value", at: end, notes: notes)
        : Diagnostic(message, at: location, length: length, notes: notes)
    }
    switch key {
    case "exit":
      guard let status = Int32(value), (0...255).contains(status) else {
        throw fail("'exit' takes an exit status from 0 to 255, found '\(value)'", ["e.g. '# exit: 2'"])
      }
      expectedExit = status
    case "skip", "xfail":
      guard !value.isEmpty else {
        throw Diagnostic("'\(key)' needs a reason", at: end, notes: ["write '# \(key): why'"])
      }
      if (key == "skip" ? xfail : skip) != nil {
        throw Diagnostic(
          "a test cannot be both skipped and expected to fail", at: location, length: length,
          notes: ["keep either '# skip:' or '# xfail:'"])
      }
      if key == "skip" { skip = value } else { xfail = value }
    case "timeout":
      guard let duration = RealDuration.parse(value) else {
        throw fail(
          "'timeout' takes a real-time duration such as 500ms, 10s or 2m, found '\(value)'",
          ["the limit is wall-clock time, not the script's virtual time"])
      }
      timeout = duration
    case "hz":
      guard let rate = Int64(value), KernelConfig.hzRange.contains(rate) else {
        let range = KernelConfig.hzRange
        throw fail(
          "'hz' takes a tick rate from \(range.lowerBound) to \(range.upperBound), found '\(value)'",
          [KernelConfig.usualHZ])
      }
      hz = rate
    default:  // "explain"
      switch value {
      case "on": explain = true
      case "off": explain = false
      default: throw fail("'explain' takes 'on' or 'off', found '\(value)'")
      }
    }
  }

  /// The directive `key` is most likely a misspelling of: the same name in another case,
  /// or, ignoring case, one edit away from a name of four letters or more (`hz` has too
  /// many neighbours among ordinary words).
  static func nearMiss(_ key: String) -> String? {
    let lower = key.lowercased()
    return directives.first { name in
      key != name && (lower == name || (name.count >= 4 && editDistance(Array(lower), Array(name), limit: 1) == 1))
    }
  }
}

/// One line of a header, as Unicode scalars, with what is needed to locate text in it.
private struct HeaderLine {
  let scalars: [Unicode.Scalar]
  let number: Int
  /// UTF-8 offset of the line's start in the file.
  let offset: Int

  var firstNonBlank: Int? { scalars.firstIndex { $0 != " " && $0 != "\t" && $0 != "\r" } }

  /// `# KEY: VALUE` after the `#` at `hash`: the key, its 1-based column, the trimmed value
  /// and its column; nil when the comment does not have that shape.
  func directive(after hash: Int) -> (String, Int, String, Int)? {
    var i = hash + 1
    while i < scalars.count && (scalars[i] == " " || scalars[i] == "\t") { i += 1 }
    let keyStart = i
    while i < scalars.count && Self.isKeyScalar(scalars[i]) { i += 1 }
    guard i > keyStart, i < scalars.count, scalars[i] == ":" else { return nil }
    let key = String(String.UnicodeScalarView(scalars[keyStart..<i]))
    i += 1
    while i < scalars.count && (scalars[i] == " " || scalars[i] == "\t") { i += 1 }
    var end = scalars.count
    while end > i && (scalars[end - 1] == " " || scalars[end - 1] == "\t" || scalars[end - 1] == "\r") { end -= 1 }
    let value = String(String.UnicodeScalarView(scalars[i..<end]))
    return (key, keyStart + 1, value, i + 1)
  }

  /// The location of 1-based `column` on this line (one past the end is allowed).
  func location(_ column: Int) -> SourceLocation {
    let before = scalars.prefix(column - 1).reduce(0) { $0 + UTF8.width($1) }
    return SourceLocation(line: number, column: column, offset: offset + before)
  }

  private static func isKeyScalar(_ s: Unicode.Scalar) -> Bool {
    s.properties.isAlphabetic && s.isASCII || ("0"..."9").contains(s) || s == "_" || s == "-"
  }
}
