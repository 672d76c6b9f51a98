import Testing

@testable import ScenarioLang

@Suite("Lexer")
struct LexerTests {
  @Test("tokens carry 1-based line:column")
  func positions() throws {
    let tokens = try Lexer.tokenize("server listen 0\n  c1 sndtimeo 1.5s # comment\n@x \"p\\x41\"")
    let spots = tokens.map { "\($0.location.line):\($0.location.column)" }
    #expect(spots == ["1:1", "1:8", "1:15", "1:16", "2:3", "2:6", "2:15", "2:29", "3:1", "3:2", "3:4", "3:11"])
    #expect(tokens[6].kind == .duration("1.5", unit: "s"))
    #expect(tokens[10].kind == .string([0x70, 0x41]))
  }

  @Test(
    "lexical errors point at the offending character",
    arguments: [
      DiagnosticCase(text: "a 1h", message: "unknown unit 'h'", column: 4),
      DiagnosticCase(text: "a \"open", message: "unterminated string", column: 3),
      DiagnosticCase(text: "a $", message: "'$' must be followed by a loop variable's name", column: 3),
      DiagnosticCase(text: "a ~", message: "unexpected character '~'", column: 3),
      DiagnosticCase(text: "a - 1", message: "'-' must be followed by a number", column: 3),
      DiagnosticCase(text: "a \"\\q\"", message: "unknown escape '\\q'", column: 4),
      DiagnosticCase(text: "a \u{0}", message: "unexpected NUL byte", column: 3),
    ])
  func errors(_ bad: DiagnosticCase) {
    bad.expectThrown { _ = try Lexer.tokenize($0) }
  }
}
