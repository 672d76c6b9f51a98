import Foundation
import Testing

/// Tab on a real terminal: the completion the grammar allows is inserted into the line.
@Suite("sockscript repl on a terminal: Tab")
struct ReplTerminalCompletionTests {
  @Test("Tab completes a dotted sysctl name, and a statement word on a continued line")
  func sysctlAndContinuation() throws {
    let dir = try Sockscript.temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: dir) }
    let t = try ReplTerminalTests.repl(history: dir.appendingPathComponent("history"))
    t.type("sysctl net.core.som\t")
    try t.expect("net.core.somaxconn ")
    t.type("64\r")
    try t.expect("0.000000> ")
    t.type("repeat 2 {\r")
    try t.expect("...> ")
    t.type("cl\t")
    try t.expect("client ")
    t.type("x\r}\r")
    try t.expect("0.000000 x        socket(AF_UNIX, SOCK_STREAM, 0) = 3")
    try t.expect("0.000000> ")
    t.type(":quit\r")
    #expect(try t.waitForExit() == 0)
  }
}
