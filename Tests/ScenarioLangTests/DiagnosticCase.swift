import Testing

@testable import ScenarioLang

/// A bad input and the diagnostic it must produce, for table-driven error tests.
struct DiagnosticCase: Sendable, CustomTestStringConvertible {
  let text: String
  let message: String
  let column: Int
  var testDescription: String { text }

  /// Checks that `body` throws exactly this diagnostic.
  func expectThrown(by body: (String) throws -> Void) {
    #expect {
      try body(text)
    } throws: { error in
      let d = error as! Diagnostic
      return d.message == message && d.location?.column == column
    }
  }
}
