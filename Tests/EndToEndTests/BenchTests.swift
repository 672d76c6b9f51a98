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

  @Test("--script prints the model script alone, which runs, and its ops on standard error")
  func script() throws {
    let r = try Sockscript.run(["bench", "--script", "cycle", "--size", "7"])
    #expect(r.status == 0, "stderr: \(r.stderr)")
    let expected = """
      server listen 1
      repeat 7 {
        client c connect
        server accept as s
        c close
        s close
      }

      """
    #expect(r.stdout == expected)
    #expect(r.stderr == "ops: 7\n")
    let directory = try Sockscript.temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: directory) }
    let file = directory.appendingPathComponent("cycle.sock")
    try r.stdout.write(to: file, atomically: true, encoding: .utf8)
    let run = try Sockscript.run(["run", "-q", file.path])
    #expect(run.status == 0, "stderr: \(run.stderr)")
    let inline = try Sockscript.run(["run", "-q", "-e", r.stdout])
    #expect(inline.status == 0, "stderr: \(inline.stderr)")
  }

  @Test("--script counts the event loop's ops in whole turns; seed is one")
  func scriptOperations() throws {
    let eventLoop = try Sockscript.run(["bench", "--script", "eventloop", "--size", "200"])
    #expect(eventLoop.status == 0)
    #expect(eventLoop.stderr == "ops: 192\n")
    let seed = try Sockscript.run(["bench", "--script", "seed"])
    #expect(seed.status == 0)
    #expect(seed.stderr == "ops: 1\n")
    #expect(seed.stdout.hasPrefix("server listen 0;"))
  }

  @Test("--script with an unknown name, --size alone or below 1 is a usage error")
  func scriptUsage() throws {
    let unknown = try Sockscript.run(["bench", "--script", "nope"])
    #expect(unknown.status == 64)
    #expect(unknown.stderr.contains("unknown name 'nope' for --script; one of: seed, cycle, traced,"))
    #expect(unknown.stdout.isEmpty)
    let sizeAlone = try Sockscript.run(["bench", "--size", "5"])
    #expect(sizeAlone.status == 64)
    #expect(sizeAlone.stderr.contains("give --script"))
    let zero = try Sockscript.run(["bench", "--script", "cycle", "--size", "0"])
    #expect(zero.status == 64)
    #expect(zero.stderr.contains("--size must be at least 1"))
  }
}
