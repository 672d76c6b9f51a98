import Foundation
import Testing

/// `sockscript repl` with standard input that is not a terminal: no prompts, no editing, and
/// exactly the stdout, stderr and exit status of `sockscript run -` — checked against golden
/// files in Tests/Transcripts (`SOCKSCRIPT_UPDATE_GOLDEN=1` rewrites them).
@Suite("sockscript repl with piped input")
struct ReplPipeTests {
  static let directory = Sockscript.root.appendingPathComponent("Tests/Transcripts")

  static var transcripts: [String] {
    let names = (try? FileManager.default.contentsOfDirectory(atPath: directory.path)) ?? []
    return names.filter { $0.hasSuffix(".sock") }.sorted()
  }

  @Test("there are transcripts")
  func corpus() {
    #expect(Self.transcripts.count >= 5)
  }

  @Test("piped into the REPL: the golden output, and the same as 'run -'", arguments: transcripts)
  func transcript(_ name: String) throws {
    let script = Self.directory.appendingPathComponent(name)
    let input = try String(contentsOf: script, encoding: .utf8)
    let repl = try Sockscript.run(["repl"], stdin: input)
    let run = try Sockscript.run(["run", "-"], stdin: input)
    #expect(repl.stdout == run.stdout)
    #expect(repl.stderr == run.stderr)
    #expect(repl.status == run.status)
    #expect(!repl.stdout.contains("0.000000> ") && !repl.stdout.contains("REPL"), "no prompt, no banner")
    let golden = script.deletingPathExtension()
    let expected = "# exit: \(repl.status)\n" + repl.stdout
    let out = golden.appendingPathExtension("out")
    let err = golden.appendingPathExtension("err")
    if ProcessInfo.processInfo.environment["SOCKSCRIPT_UPDATE_GOLDEN"] == "1" {
      try expected.write(to: out, atomically: true, encoding: .utf8)
      try repl.stderr.write(to: err, atomically: true, encoding: .utf8)
      return
    }
    #expect(expected == (try String(contentsOf: out, encoding: .utf8)), "\(name): stdout or status differs")
    #expect(repl.stderr == (try String(contentsOf: err, encoding: .utf8)), "\(name): stderr differs")
  }

  @Test("'sockscript' with no arguments and no terminal prints the help")
  func noTerminalNoRepl() throws {
    let r = try Sockscript.run([])
    #expect(r.status == 0)
    #expect(r.stdout.contains("SUBCOMMANDS:") && r.stdout.contains("repl"))
  }
}
