import Testing

@testable import ScenarioLang

/// The parser says when input is unfinished (lua.c's `incomplete()`), so the REPL keeps no
/// scanner of its own.
@Suite("Unfinished input")
struct UnfinishedInputTests {
  @Test("the end of input inside a repeat body or a timeval is unfinished, innermost brace first")
  func insideBraces() {
    #expect(Parser.unfinished("repeat 2 {") == .block)
    #expect(Parser.unfinished("repeat 2 {\nclient c nonblock\n") == .block)
    #expect(Parser.unfinished("c sndtimeo {1,") == .timeval)
    #expect(Parser.unfinished("repeat 2 { c sndtimeo {1,") == .timeval)
    #expect(Parser.unfinished("repeat 2 { c sndtimeo {1, 0}") == .block)
    #expect(Parser.unfinished("c get sndtimeo = {0,") == .timeval)
    #expect(Parser.unfinished("repeat 2 { repeat 3 { c close }") == .block)
  }

  @Test("whole input, an error before the end, and an error outside braces are finished")
  func finished() {
    #expect(Parser.unfinished("client c connect") == nil)
    #expect(Parser.unfinished("repeat 2 { client c nonblock }") == nil)
    #expect(Parser.unfinished("server listen") == nil)  // an error at the end, but no brace open
    #expect(Parser.unfinished("repeat 2 { c frob x") == nil)  // fails before the end
    #expect(Parser.unfinished("c1 close # {") == nil)
    #expect(Parser.unfinished("server bind \"{\"") == nil)
    #expect(Parser.unfinished("server bind \"{") == nil)  // unterminated string: reported at once
  }

  @Test("a trailing backslash continues only when it is code, as the lexer reads it")
  func backslash() {
    #expect(LineContinuation.endsWithBackslash("server listen 0 \\"))
    #expect(!LineContinuation.endsWithBackslash("server listen 0 # \\"))
    #expect(!LineContinuation.endsWithBackslash("server bind \"x\\"))
    #expect(!LineContinuation.endsWithBackslash("server listen 0"))
  }
}
