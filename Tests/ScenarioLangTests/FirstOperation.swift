@testable import ScenarioLang

/// The first operation of `text`'s first statement, an action (`c dup as d`): what the
/// parser tests of single operations look at.
func firstOperation(_ text: String) throws -> Operation {
  let script = try Parser.parse(text)
  guard case .act(_, let ops) = script.statements[0].kind, let first = ops.first else {
    throw Diagnostic("expected an action", at: nil)
  }
  return first
}
