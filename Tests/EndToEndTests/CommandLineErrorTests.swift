import Foundation
import Testing

/// Command-line errors: one format, `sockscript: error: …`, and no run that tests nothing
/// passes (a mistyped path or filter must not turn a CI job green).
@Suite("command-line errors")
struct CommandLineErrorTests {
  @Test(
    "every command-line error is 'sockscript: error: …' with the usage after it, exit 64",
    arguments: [
      ["run"], ["frob"], ["test", "--nope"], ["run", "--hz", "0", "-e", "sleep 1s"], ["verify", "--slack", "-1"],
      ["repl", "--hz", "0"], ["bench", "--only", "nothing"], ["run", "-e", "x", "file.sock"],
    ])
  func usageFormat(_ arguments: [String]) throws {
    let r = try Sockscript.run(arguments)
    #expect(r.status == 64)
    let lines = r.stderr.split(separator: "\n")
    #expect(lines.first?.hasPrefix("sockscript: error: ") == true, "\(r.stderr)")
    #expect(!r.stderr.contains("Error:"))
    #expect(lines.contains { $0.hasPrefix("Usage: sockscript") })
  }

  @Test("the parser's own messages start in lower case like the commands' own")
  func lowerCase() throws {
    let r = try Sockscript.run(["frob"])
    #expect(r.stderr.hasPrefix("sockscript: error: unexpected argument 'frob'\n"))
  }

  @Test("test and verify on a directory without scripts fail and say so; both look in . by default")
  func noScripts() throws {
    let empty = try Sockscript.temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: empty) }
    for command in ["test", "verify"] {
      let given = try Sockscript.run([command, empty.path])
      #expect(given.status == 1, "\(command)")
      #expect(given.stderr == "sockscript: error: no scripts (*.sock) in '\(empty.path)'\n", "\(command)")
      #expect(given.stdout.isEmpty, "\(command)")
      let byDefault = try Sockscript.run([command], in: empty)
      #expect(byDefault.status == 1, "\(command)")
      #expect(byDefault.stderr == "sockscript: error: no scripts (*.sock) in '.'\n", "\(command)")
    }
  }

  @Test("a --filter that matches no script fails and says how many it did not match")
  func filterMatchesNone() throws {
    let r = try Sockscript.run(["test", "--filter", "no-such-test", "samples/seed"])
    #expect(r.status == 1)
    #expect(r.stderr.hasPrefix("sockscript: error: --filter 'no-such-test' matches none of the "))
    #expect(r.stderr.hasSuffix(" scripts in 'samples/seed'\n"))
    #expect(r.stdout.isEmpty)
  }

  @Test("an unwritable --junit report is an error before any test runs")
  func unwritableJUnit() throws {
    let directory = try Sockscript.temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: directory) }
    for (report, reason) in [
      ("no/such/dir/report.xml", "No such file or directory"), (directory.path, "Is a directory"),
      // A directory root may write to by its mode that still takes no new file.
      ("/proc/report.xml", "No such file or directory"),
    ] {
      let r = try Sockscript.run(["test", "--junit", report, "samples/seed/seed-line.sock"])
      #expect(r.status == 74)
      #expect(r.stdout.isEmpty, "no test may run: \(r.stdout)")
      #expect(r.stderr == "sockscript: error: cannot write the --junit report '\(report)': \(reason)\n")
    }
  }
}
