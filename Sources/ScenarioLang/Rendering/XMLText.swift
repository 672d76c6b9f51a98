/// Text made safe for XML 1.0: the JUnit report (`sockscript test --junit`) and the SVG
/// timeline both write it, and XML 1.0 cannot hold most control characters even as
/// references, so they become U+FFFD.
public enum XMLText {
  /// `text` as an attribute's value (`inAttribute`, where a line break must be a character
  /// reference to survive, and which also keeps a spooled line one line) or as an
  /// element's character data.
  public static func escaped(_ text: String, inAttribute: Bool = true) -> String {
    var out = ""
    for scalar in text.unicodeScalars {
      switch scalar {
      case "&": out += "&amp;"
      case "<": out += "&lt;"
      case ">": out += "&gt;"
      case "\"": out += "&quot;"
      case "'": out += "&apos;"
      case "\n", "\t", "\r": out += inAttribute ? "&#\(scalar.value);" : String(scalar)
      default:
        let forbidden = scalar.value < 0x20 || (0xFFFE...0xFFFF).contains(scalar.value)
        out.unicodeScalars.append(forbidden ? "\u{FFFD}" : scalar)
      }
    }
    return out
  }
}
