import Foundation
import Testing

/// `run --timeline FILE` on the built binary: the formats by extension, the README's picture
/// kept current, and the errors before the run.
@Suite("sockscript run --timeline")
struct TimelineFlagTests {
  static let seed = "samples/seed/sndtimeo-1s.sock"

  @Test("docs/seed-timeline.svg is what --timeline draws of the seed scenario today")
  func readmePictureIsCurrent() throws {
    let dir = try Sockscript.temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: dir) }
    let drawn = dir.appendingPathComponent("seed.svg")
    let run = try Sockscript.run(["run", "-q", "--timeline", drawn.path, Self.seed])
    #expect(run.status == 0, "\(run.stderr)")
    let committed = Sockscript.root.appendingPathComponent("docs/seed-timeline.svg")
    #expect(
      try Data(contentsOf: drawn) == Data(contentsOf: committed),
      "regenerate it: sockscript run -q --timeline docs/seed-timeline.svg \(Self.seed)")
  }

  @Test("several --timeline files in one run, each in its extension's format; the trace is printed as usual")
  func severalFormats() throws {
    let dir = try Sockscript.temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: dir) }
    let paths = ["t.json", "t.svg", "t.mmd"].map { dir.appendingPathComponent($0).path }
    let run = try Sockscript.run(["run"] + paths.flatMap { ["--timeline", $0] } + [Self.seed])
    #expect(run.status == 0)
    #expect(run.stdout.contains("<... connect resumed>"))
    let json = try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: paths[0])))
    #expect((json as? [String: Any])?["traceEvents"] != nil)
    #expect(try String(contentsOfFile: paths[1], encoding: .utf8).hasPrefix("<?xml"))
    #expect(try String(contentsOfFile: paths[2], encoding: .utf8).hasPrefix("sequenceDiagram\n"))
  }

  @Test("the kernel backend draws its real times")
  func kernelBackend() throws {
    let dir = try Sockscript.temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: dir) }
    let path = dir.appendingPathComponent("k.mmd").path
    let run = try Sockscript.run(["run", "-q", "--backend", "linux", "--timeline", path, Self.seed])
    #expect(run.status == 0, "\(run.stderr)")
    let drawn = try String(contentsOfFile: path, encoding: .utf8)
    #expect(drawn.contains("c1->>c1: 0.0"))
    #expect(drawn.contains("#60;... connect resumed#62; = -1 EAGAIN"))
  }

  @Test(
    "an unknown extension, an unwritable file, a file named twice or two scripts: one error, nothing run",
    arguments: [
      (["--timeline", "t.png"], "the extension picks the format: .json, .svg or .mmd", Int32(64)),
      (["--timeline", "/proc/no/such/t.svg"], "cannot write timeline file '/proc/no/such/t.svg'", 74),
      (["--timeline", "t.svg", "--timeline", "t.svg"], "--timeline names the same file twice", 64),
      (["--timeline", "t.svg", seed], "--timeline draws one run: give one script", 64),
    ])
  func errors(_ arguments: [String], _ message: String, _ status: Int32) throws {
    let run = try Sockscript.run(["run"] + arguments + [Self.seed])
    #expect(run.status == status)
    // Refused before any file was opened.
    #expect(!FileManager.default.fileExists(atPath: Sockscript.root.appendingPathComponent("t.svg").path))
    #expect(run.stderr.contains(message), "\(run.stderr)")
    #expect(run.stdout.isEmpty)
  }
}
