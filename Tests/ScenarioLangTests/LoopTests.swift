import SockKernel
import SyscallVocabulary
import Testing

@testable import ScenarioLang

@Suite("repeat loops and name templates")
struct LoopTests {
  @Test("the lexer keeps $i and ${i} inside a word, as written")
  func lexTemplates() throws {
    let tokens = try Lexer.tokenize("c$i p${i}x$j")
    #expect(tokens.map(\.kind).prefix(2) == [.word("c$i"), .word("p${i}x$j")])
    #expect(tokens[1].length == 8)
  }

  @Test("a template splits into text and variables, resolves and matches counts")
  func templates() throws {
    let template = try #require(NameTemplate("p${i}x$j"))
    #expect(template.parts == [.text("p"), .variable("i"), .text("x"), .variable("j")])
    #expect(template.resolve(["i": 12, "j": 0]) == "p12x0")
    #expect(template.canProduce("p12x0"))
    #expect(!template.canProduce("p012x0"))
    #expect(!template.canProduce("px0"))
    #expect(try #require(NameTemplate("c$i")).hasShape(of: try #require(NameTemplate("c$k"))))
    #expect(NameTemplate("plain") == nil)
  }

  @Test("a template's name is its parts joined, each variable's value in decimal")
  func resolvedNames() throws {
    let template = try #require(NameTemplate("a-long-prefix-of-text_${i}_then$j"))
    var generator = SystemRandomNumberGenerator()
    for _ in 0..<500 {
      let i = Int.random(in: Int.min...Int.max, using: &generator) >> Int.random(in: 0...63, using: &generator)
      let j = Int.random(in: 0...1000, using: &generator)
      #expect(template.resolve(["i": i, "j": j]) == "a-long-prefix-of-text_\(i)_then\(j)")
    }
    #expect(template.resolve(["i": Int.min, "j": Int.max]) == "a-long-prefix-of-text_\(Int.min)_then\(Int.max)")
    #expect(try #require(NameTemplate("$i")).resolve(["i": 0]) == "0")
    #expect(try #require(NameTemplate("é$i")).resolve(["i": 42]) == "é42")
  }

  @Test("loop bindings: a value per variable, changed in place, gone when its loop ends")
  func bindings() {
    var bindings = LoopBindings()
    bindings["i"] = 1
    bindings["j"] = 2
    bindings["i"] = 3
    #expect(bindings["i"] == 3)
    #expect(bindings["j"] == 2)
    bindings["j"] = nil
    #expect(bindings["j"] == nil)
    #expect(bindings["i"] == 3)
    #expect(bindings["k"] == nil)
    #expect(NameTemplate("c${i}x$j")?.resolve(["j": 4, "i": 7]) == "c7x4")
  }

  @Test("a name made from loop variables in nested repeats: each iteration's values")
  func nestedNames() {
    let result = ScriptRunner.capture(
      SourceFile(name: "t", text: "repeat 2 as i { repeat 2 as j { socket s${i}x$j } }; s1x0 close"))
    #expect(result.status == .ok)
    #expect(result.stdout.contains("close(s1x0) = 0"))
    #expect(result.stdout.split(separator: "\n").filter { $0.contains("socket(") }.count == 4)
  }

  @Test("repeat parses its count, variable and body; a body spans lines")
  func parse() throws {
    let script = try Parser.parse("repeat 3 as i {\n  client c$i connect\n  c$i close }\nwait")
    #expect(script.statements.count == 2)
    guard case .loop(let loop) = script.statements[0].kind else {
      Issue.record("expected a loop")
      return
    }
    #expect(loop.count == 3)
    #expect(loop.variable?.text == "i")
    #expect(loop.body.count == 2)
  }

  @Test(
    "bad loops are parse errors at the right spot",
    arguments: [
      ("repeat 2 as i { client c$j connect }", "is not the variable", 1, 25),
      ("repeat { c close }", "needs a count", 1, 8),
      ("repeat 2 c close", "expected '{'", 1, 10),
      ("repeat 2 { }", "is empty", 1, 12),
      ("repeat 2 { c close } &", "cannot run in the background", 1, 22),
      ("repeat 2 as i { repeat 2 as i { c close } }", "already counting", 1, 29),
      ("c close }", "expected an operation", 1, 9),
      ("}", "closes no 'repeat'", 1, 1),
      ("repeat 2 {\nc close", "expected '}'", 2, 8),
    ])
  func parseErrors(_ text: String, _ message: String, _ line: Int, _ column: Int) {
    #expect {
      _ = try Parser.parse(text)
    } throws: { error in
      guard let diagnostic = error as? Diagnostic else { return false }
      return diagnostic.message.contains(message) && diagnostic.location?.line == line
        && diagnostic.location?.column == column
    }
  }

  @Test("nesting deeper than the limit is refused; at the limit it parses")
  func nesting() throws {
    func nested(_ depth: Int) -> String {
      String(repeating: "repeat 1 { ", count: depth) + "c close" + String(repeating: " }", count: depth)
    }
    _ = try Parser.parse(nested(3), maxNesting: 3)
    #expect(throws: Diagnostic.self) { try Parser.parse(nested(4), maxNesting: 3) }
  }

  @Test("a loop runs its body N times; templated names count from 0")
  func runsBody() {
    let result = ScriptRunner.capture(
      SourceFile(name: "t", text: "server listen 5; repeat 3 as i { client c$i connect }; c2 close"))
    #expect(result.status == .ok)
    #expect(result.stdout.split(separator: "\n").filter { $0.contains("connect(") }.count == 3)
    #expect(result.stdout.contains("close(c2)"))
  }

  @Test("a declaration that runs again reuses its thread: one task however many iterations")
  func reusesTask() throws {
    let source = SourceFile(
      name: "t", text: "server listen 1; repeat 50 { client c connect; server accept as s; c close; s close }")
    let session = ScenarioSession(source: source, output: { _ in }, report: { _ in })
    session.execute(try Parser.parse(source.text))
    session.finish()
    #expect(session.status == .ok)
    // main, server, c and s.
    #expect(session.kernel?.taskCount == 4)
  }

  @Test("a name declared elsewhere cannot be declared again by a loop, even through a template")
  func collision() {
    let result = ScriptRunner.capture(
      SourceFile(name: "t", text: "server listen 5; client c1 connect; repeat 2 as i { client c$i connect }"))
    #expect(result.status == .scriptError)
    #expect(result.diagnostics.first?.message == "socket 'c1' is already declared")
  }

  @Test("each iteration counts against the statement limit, so every loop ends")
  func iterationsCount() {
    var limits = Limits()
    limits.maxStatements = 50
    let result = ScriptRunner.capture(
      SourceFile(name: "t", text: "client c nonblock\nrepeat 1000000000 {\n  c close # kernel-only: x\n}"),
      limits: limits)
    #expect(result.status == .scriptError)
    #expect(result.diagnostics.first?.message.contains("too many statements") == true)
  }

  @Test("the REPL joins a repeat typed over lines with new lines, a timeval with a space")
  func continuation() {
    let first = LineContinuation.join(nil, "repeat 2 {")
    #expect(!first.complete)
    let second = LineContinuation.join(first.text, "client c nonblock")
    #expect(second.text == "repeat 2 {\nclient c nonblock")
    #expect(!second.complete)
    let third = LineContinuation.join(second.text, "c sndtimeo {1,")
    let fourth = LineContinuation.join(third.text, "0} }")
    #expect(fourth.text == "repeat 2 {\nclient c nonblock\nc sndtimeo {1, 0} }")
    #expect(fourth.complete)
  }
}
