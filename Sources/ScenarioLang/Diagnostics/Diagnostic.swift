/// Every error a user can cause, with where it is: a script error, a failed expectation,
/// a scenario that blocks forever.
public struct Diagnostic: Error, Sendable, Equatable {
  public enum Severity: String, Sendable { case error, note }

  public let severity: Severity
  public let message: String
  /// Where in the source it is; nil for one that has no place there (a run that stalls
  /// with none of the script's calls asleep), which is then shown at none.
  public let location: SourceLocation?
  /// Columns the caret underlines (at least 1).
  public let length: Int
  /// Further lines, e.g. `did you mean 'sndtimeo'?`.
  public let notes: [Note]

  /// A further line about a diagnostic; it points at its own place (an earlier
  /// declaration, say) when it has one, else at the diagnostic's.
  public struct Note: Sendable, Equatable {
    public let message: String
    public let location: SourceLocation?

    public init(_ message: String, at location: SourceLocation? = nil) {
      self.message = message
      self.location = location
    }
  }

  public init(
    _ message: String, at location: SourceLocation?, length: Int = 1, notes: [Note], severity: Severity = .error
  ) {
    self.severity = severity
    self.message = message
    self.location = location
    self.length = max(1, length)
    self.notes = notes
  }

  /// A diagnostic whose notes point where it does.
  public init(
    _ message: String, at location: SourceLocation?, length: Int = 1, notes: [String] = [],
    severity: Severity = .error
  ) {
    self.init(message, at: location, length: length, notes: notes.map { Note($0) }, severity: severity)
  }

  /// The notes' texts.
  public var noteMessages: [String] { notes.map(\.message) }

  /// `file:line:col: error: message`, the source line, a caret under the spot, then notes;
  /// `file: error: message` and the notes for a diagnostic with no location.
  public func rendered(in source: SourceFile, color: Bool = false) -> String {
    let style = TextStyle(color: color)
    let (bold, red, green, reset) = (style.start(.bold), style.start(.boldRed), style.start(.boldGreen), style.reset)
    var out = "\(bold)\(Self.place(location, in: source)):\(reset) "
    out += "\(red)\(severity.rawValue):\(reset) \(bold)\(message)\(reset)\n"
    if let location {
      let line = source.line(location.line)
      let (shown, width) = Self.printable(line)
      out += shown + "\n"
      let available = max(1, width - location.column + 1)
      let underline = min(length, available)
      out += String(repeating: " ", count: max(0, location.column - 1))
      out += green + "^" + String(repeating: "~", count: max(0, underline - 1)) + reset + "\n"
    }
    for note in notes {
      out += "\(Self.place(note.location ?? location, in: source)): note: \(note.message)\n"
    }
    return out
  }

  /// `file:line:col`, or `file` alone where there is no location.
  private static func place(_ location: SourceLocation?, in source: SourceFile) -> String {
    location.map { "\(source.name):\($0.line):\($0.column)" } ?? source.name
  }

  /// `line` as shown above its caret, and its width in scalars. A line of printable ASCII,
  /// the usual one, is shown as it is.
  private static func printable(_ line: Substring) -> (String, Int) {
    if line.utf8.allSatisfy({ $0 >= 0x20 && $0 < 0x7F }) { return (String(line), line.utf8.count) }
    var shown = String.UnicodeScalarView()
    var width = 0
    for scalar in line.unicodeScalars {
      shown.append(printable(scalar))
      width += 1
    }
    return (String(shown), width)
  }

  /// Control characters would move the caret: show them as one visible scalar each.
  private static func printable(_ s: Unicode.Scalar) -> Unicode.Scalar {
    if s == "\t" { return " " }
    if s.value < 0x20 || s.value == 0x7F { return "\u{FFFD}" }
    return s
  }
}
