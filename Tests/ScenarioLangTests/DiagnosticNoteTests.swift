import Testing

@testable import ScenarioLang

/// A note points at its own place when it has one, else at its diagnostic's.
@Suite("Notes with locations")
struct DiagnosticNoteTests {
  static let source = SourceFile(name: "t.sock", text: "client c\nclient c\n")

  @Test("a note without a location is rendered at the diagnostic's place")
  func noteWithoutLocation() {
    let d = Diagnostic("twice", at: SourceLocation(line: 2, column: 8, offset: 16), notes: ["pick another name"])
    #expect(d.rendered(in: Self.source).hasSuffix("t.sock:2:8: note: pick another name\n"))
    #expect(d.notes == [Diagnostic.Note("pick another name")])
  }

  @Test("a note with a location is rendered at its own place")
  func noteWithLocation() {
    let earlier = SourceLocation(line: 1, column: 8, offset: 7)
    let d = Diagnostic(
      "twice", at: SourceLocation(line: 2, column: 8, offset: 16),
      notes: [Diagnostic.Note("it was declared here", at: earlier)])
    #expect(d.rendered(in: Self.source).hasSuffix("t.sock:1:8: note: it was declared here\n"))
    #expect(d.noteMessages == ["it was declared here"])
  }

  @Test("a diagnostic without a location is shown at none: no line, column, source line or caret")
  func diagnosticWithoutLocation() {
    let d = Diagnostic("the scenario cannot go on", at: nil, notes: ["a note"])
    #expect(d.rendered(in: Self.source) == "t.sock: error: the scenario cannot go on\nt.sock: note: a note\n")
  }
}
