import Foundation
import Testing

/// Every command that runs scripts takes the limit flags, so that the note under a limit's
/// error ("raise the limit with --max-statements") names a flag the command has.
@Suite("limit flags on every command that runs scripts")
struct LimitFlagTests {
  static let threeSleeps = "sleep 1ms\nsleep 1ms\nsleep 1ms\n"

  @Test("repl with piped input takes them, as 'run -' does")
  func replPiped() throws {
    let r = try Sockscript.run(["repl", "--max-statements", "2"], stdin: Self.threeSleeps)
    #expect(r.status == 65)
    #expect(
      r.stderr == """
        <stdin>:3:1: error: too many statements: this one would be number 3, over the limit of 2
        sleep 1ms
        ^
        <stdin>:3:1: note: raise the limit with --max-statements

        """)
  }

  @Test("verify takes them, on both sides")
  func verify() throws {
    let dir = try Sockscript.temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: dir) }
    let script = dir.appendingPathComponent("three.sock")
    try Self.threeSleeps.write(to: script, atomically: true, encoding: .utf8)
    let r = try Sockscript.run(["verify", "--max-statements", "2", script.path])
    #expect(r.status == 1)
    #expect(r.stdout.hasPrefix("FAIL \(script.path): the script does not run\n"))
    #expect(r.stderr.hasSuffix("three.sock:3:1: note: raise the limit with --max-statements\n"))
    let raised = try Sockscript.run(["verify", "--max-statements", "3", script.path])
    #expect(raised.status == 0)
  }
}
