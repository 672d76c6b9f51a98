import Foundation
import Testing

/// `sockscript bench --quick`: every section and scenario prints, and the run exits 0.
/// The figures themselves are not checked: a test on a shared machine cannot time things.
@Suite("sockscript bench")
struct BenchTests {
  @Test("--quick prints every section and every scenario, and exits 0")
  func quick() throws {
    let r = try Sockscript.run(["bench", "--quick"])
    #expect(r.status == 0, "stderr: \(r.stderr)")
    for section in ["## Model vs kernel", "## Whole process", "## Growth (model)"] {
      #expect(r.stdout.contains("\n\(section)\n"), "no section \(section)")
    }
    let rows = r.stdout.split(separator: "\n").map { $0.split(separator: " ").first.map(String.init) ?? "" }
    for scenario in [
      "seed", "cycle", "traced", "pingpong", "bulk", "wakeup", "eventloop", "backlog", "prefork", "sockets", "memory",
    ] {
      #expect(rows.contains(scenario), "no row for \(scenario)")
    }
    #expect(r.stdout.contains("sockscript test --jobs 2 samples/seed/"))
    for dimension in ["backlog depth", "waiters", "sockets", "timers"] {
      #expect(r.stdout.contains("\n\(dimension) "), "no growth row for \(dimension)")
    }
  }

  @Test("--only with an unknown name is a usage error")
  func unknownName() throws {
    let r = try Sockscript.run(["bench", "--only", "nope"])
    #expect(r.status == 64)
    #expect(r.stderr.contains("unknown name 'nope' for --only"))
  }
}
