import Testing

@testable import ScenarioLang

/// Color is one switch: with it off no escape code is written anywhere.
@Suite("Text styles")
struct TextStyleTests {
  @Test func withoutColorEveryCodeIsEmpty() {
    let plain = TextStyle(color: false)
    #expect(plain.start(.boldRed).isEmpty && plain.reset.isEmpty)
    #expect(plain.paint("FAIL", .boldRed) == "FAIL")
  }

  @Test func withColorTheCodesAreAnsiSgr() {
    let colored = TextStyle(color: true)
    #expect(colored.paint("PASS", .green) == "\u{1B}[32mPASS\u{1B}[0m")
    #expect(colored.start(.boldGreen) == "\u{1B}[1;32m")
  }

  @Test func aColoredDiagnosticIsThePlainOneWithCodesAdded() {
    let source = SourceFile(name: "a.sock", text: "sleep x\n")
    let diagnostic = Diagnostic("expected a duration", at: SourceLocation(line: 1, column: 7, offset: 6))
    let plain = diagnostic.rendered(in: source, color: false)
    let colored = diagnostic.rendered(in: source, color: true)
    #expect(!plain.contains("\u{1B}"))
    #expect(colored.replacing(/\x1B\[[0-9;]*m/, with: "") == plain)
  }
}
