import Foundation
import Testing

/// The `state` statement: the socket table in the trace, on the model and on the kernel,
/// where unix_diag (ss -x's source) reports the same rows for sockets with descriptors.
@Suite("state: the socket table in the trace, on both backends")
struct StateStatementTests {
  /// The table's lines of a run's trace, without the time and actor columns.
  static func table(_ stdout: String) -> [String] {
    let lines = stdout.split(separator: "\n").map(String.init)
    guard let start = lines.firstIndex(where: { $0.dropFirst(9).hasPrefix("state ") }) else { return [] }
    return lines[start...].prefix { $0 == lines[start] || $0.hasPrefix("         ") }.map { String($0.dropFirst(18)) }
  }

  @Test("the kernel's table of queues, states, names, timeouts and flags is the model's")
  func sameTableOnTheKernel() throws {
    let script = "samples/state/queues.sock"
    let model = try Sockscript.run(["run", script])
    let kernel = try Sockscript.run(["run", "--backend", "linux", script])
    #expect(model.status == 0 && kernel.status == 0, "\(kernel.stderr)")
    let expected = Self.table(model.stdout)
    #expect(expected.count == 6)
    #expect(Self.table(kernel.stdout) == expected)
  }

  @Test("a listener's queue on the kernel names the connected sockets; embryos have no row there")
  func listenerOnTheKernel() throws {
    let kernel = try Sockscript.run(["run", "--backend", "linux", "samples/state/accept-empties-backlog.sock"])
    let first = Self.table(kernel.stdout)
    #expect(first.contains("    backlog 2 admits 3; 1 queued (c1)"), "\(first)")
    #expect(!first.contains { $0.contains("queued on server") })
  }

  @Test("state makes no call: a thread prefix or a background '&' is an error")
  func noCall() throws {
    let prefixed = try Sockscript.run(["run", "-e", "thread t; t: state"])
    #expect(prefixed.status == 65)
    #expect(prefixed.stderr.contains("'t:' makes calls, and this statement makes none"))
    let background = try Sockscript.run(["run", "-e", "state &"])
    #expect(background.status == 65)
    #expect(background.stderr.contains("only socket statements can run in the background"))
  }
}
