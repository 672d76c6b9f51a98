/// Notes under the tables, wrapped to a terminal's width with a hanging label:
///
///     cycle     socket + connect + accept + close + close. Model: …
///               the same calls in a loop, one thread.
enum Wrapping {
  static let width = 100

  static func hanging(_ label: String, _ text: String, indent: Int = 10) -> String {
    var lines: [String] = []
    var line = label + String(repeating: " ", count: max(indent - label.count, 1))
    var lineHasWords = false
    for word in text.split(separator: " ") {
      if lineHasWords && line.count + 1 + word.count > width {
        lines.append(line)
        line = String(repeating: " ", count: indent)
        lineHasWords = false
      }
      line += (lineHasWords ? " " : "") + word
      lineHasWords = true
    }
    lines.append(line)
    return lines.joined(separator: "\n") + "\n"
  }
}
