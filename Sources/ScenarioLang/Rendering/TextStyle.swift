/// The one place that knows the terminal's escape codes: every colored text sockscript
/// writes (diagnostics, diffs, the test report) asks a style for its codes, which are
/// empty when color is off, so no caller writes an escape of its own.
public struct TextStyle: Sendable, Equatable {
  /// The styles sockscript uses (ANSI SGR).
  public enum Style: String, Sendable {
    case bold = "1"
    case red = "31"
    case green = "32"
    case yellow = "33"
    case cyan = "36"
    case boldRed = "1;31"
    case boldGreen = "1;32"
  }

  /// Whether the text is colored at all.
  public let color: Bool

  public init(color: Bool) { self.color = color }

  /// The code that starts `style`; empty without color.
  public func start(_ style: Style) -> String { color ? "\u{1B}[\(style.rawValue)m" : "" }

  /// The code that ends every style; empty without color.
  public var reset: String { color ? "\u{1B}[0m" : "" }

  /// `text` in `style`, reset after it.
  public func paint(_ text: String, _ style: Style) -> String { start(style) + text + reset }

  /// Back to the start of the line and erase it: a progress line overwritten in place
  /// (a terminal control, not a color, so it does not depend on ``color``).
  public static let eraseLine = "\r\u{1B}[K"
}
