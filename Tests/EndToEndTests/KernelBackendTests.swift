import Foundation
import Testing

/// `run --backend linux` and `verify`, on this machine's real kernel. Timeouts here are
/// tens of milliseconds, so the suite costs about a second of real time.
@Suite("the real kernel as judge", .serialized)
struct KernelBackendTests {
  /// Runs the binary with `TMPDIR` pointing at a fresh directory, so that what a kernel run
  /// leaves behind can be seen.
  func sockscript(_ arguments: [String]) throws -> (run: Sockscript.Run, leftovers: [String]) {
    let temporary = try Sockscript.temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: temporary) }
    let run = try Sockscript.run(arguments, environment: ["TMPDIR": temporary.path + "/"])
    let leftovers = try FileManager.default.contentsOfDirectory(atPath: temporary.path)
    return (run, leftovers)
  }

  /// The seconds of a trace line.
  static func time(of line: Substring) -> Double { Double(line.prefix { $0 != " " }) ?? -1 }

  @Test("the seed on the kernel: the second connect sleeps and fails with EAGAIN after its 20 ms timeout")
  func seed() throws {
    let (r, leftovers) = try sockscript([
      "run", "--backend", "linux", "-e", "server listen 0; client c1 sndtimeo 20ms connect; c1 connect = -1 EAGAIN",
    ])
    #expect(r.status == 0, "\(r.stderr)")
    let lines = r.stdout.split(separator: "\n")
    #expect(lines.count == 8)
    #expect(lines[0].hasSuffix("server   socket(AF_UNIX, SOCK_STREAM, 0) = 3"))
    #expect(lines[6].hasSuffix("c1       connect(c1, \"server.sock\") <blocked>"))
    #expect(lines[7].hasSuffix("c1       <... connect resumed> = -1 EAGAIN (Resource temporarily unavailable)"))
    // 20 ms is 5 jiffies at HZ 250: between 4 and 6 jiffies of real time, plus waking up.
    let returned = Self.time(of: lines[7])
    #expect(returned >= 0.016 && returned < 0.1, "returned at \(returned)")
    #expect(leftovers.isEmpty, "left behind: \(leftovers)")
  }

  @Test("backlog 1 admits two connections on the kernel; the third, non-blocking, gets EAGAIN")
  func backlog() throws {
    let (r, _) = try sockscript([
      "run", "--backend", "linux", "-e",
      "server listen 1; client a connect = 0; client b connect = 0; client c nonblock connect = -1 EAGAIN",
    ])
    #expect(r.status == 0, "\(r.stderr)")
    #expect(r.stdout.contains("connect(c, \"server.sock\") = -1 EAGAIN (Resource temporarily unavailable)"))
  }

  @Test("a kernel run that blocks forever is stopped after a bounded wait, reported as on the model, and cleaned up")
  func blocksForever() throws {
    let started = Date()
    let (r, leftovers) = try sockscript([
      "run", "--backend", "linux", "-e", "server listen 0; client c1 connect; c1 connect",
    ])
    #expect(r.status == 2)
    #expect(
      r.stdout.contains("c1       <... connect blocks forever: no timeout, and no task or timer left to wake it>"))
    #expect(r.stderr.hasPrefix("-e:1:40: error: c1 blocks forever in connect\n"))
    #expect(Date().timeIntervalSince(started) < 30)  // bounded, not a speed goal: without a bound it would hang
    #expect(leftovers.isEmpty, "left behind: \(leftovers)")
  }

  @Test("a failed expectation and a runtime script error on the kernel still remove the private directory")
  func cleanupAfterFailure() throws {
    let (failed, left1) = try sockscript([
      "run", "--backend", "linux", "-e", "server listen 0 = -1 EINVAL; mkdir \"d\"; touch \"d/f\"",
    ])
    #expect(failed.status == 1)
    #expect(left1.isEmpty, "left behind: \(left1)")
    let (broken, left2) = try sockscript([
      "run", "--backend", "linux", "-e", "server listen 0; client c connect; nobody connect",
    ])
    #expect(broken.status == 65)
    #expect(left2.isEmpty, "left behind: \(left2)")
  }

  @Test("abstract names live in the run's own namespace: a name bound outside does not collide")
  func abstractNamesArePrivate() throws {
    let outside = socket(AF_UNIX, Int32(SOCK_STREAM.rawValue), 0)
    defer { close(outside) }
    var address = sockaddr_un()
    address.sun_family = sa_family_t(AF_UNIX)
    let name = Array("sockscript_test_name".utf8)
    withUnsafeMutableBytes(of: &address.sun_path) { raw in
      for (i, byte) in name.enumerated() { raw[i + 1] = byte }
    }
    let length = socklen_t(MemoryLayout<sa_family_t>.size + 1 + name.count)
    let bound = withUnsafePointer(to: &address) {
      $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(outside, $0, length) }
    }
    #expect(bound == 0)
    let (r, _) = try sockscript(["run", "--backend", "linux", "-e", "socket s bind @sockscript_test_name = 0"])
    #expect(r.status == 0, "\(r.stdout)\(r.stderr)")
  }

  @Test("--hz is for the model only; the kernel's HZ is measured")
  func hzIsModelOnly() throws {
    let (r, _) = try sockscript(["run", "--backend", "linux", "--hz", "100", "-e", "server"])
    #expect(r.status == 64)
    #expect(r.stderr.contains("--hz applies to the model"))
  }

  @Test("--time-limit stops a long kernel run (a sleep to the end of time does not overflow the deadline)")
  func timeLimit() throws {
    let (r, leftovers) = try sockscript([
      "run", "--backend", "linux", "--time-limit", "1", "-e", "server; sleep 9223372036854775807ns",
    ])
    #expect(r.status == 2)
    #expect(r.stderr.contains("stopped after --time-limit 1s"))
    #expect(leftovers.isEmpty)
  }

  @Test("verify: agreeing scripts pass, with the summary as the last line")
  func verifyPasses() throws {
    let (r, _) = try sockscript([
      "verify", "samples/seed/seed-line.sock", "samples/seed/sndtimeo-10ms.sock",
      "samples/wakeups/accept-wakes-one.sock",
    ])
    #expect(r.status == 0, "\(r.stdout)")
    #expect(r.stdout.hasSuffix("\n3 passed, 0 failed\n"))
  }

  @Test("verify: a divergence is printed as script location, model result and kernel result; exit 1")
  func verifyDiverges() throws {
    // The model-only line fills the backlog on the model only, so c2's connect differs.
    let script = FileManager.default.temporaryDirectory.appendingPathComponent("diverge-\(UUID()).sock")
    try """
    server listen 0
    client c1 connect  # model-only: a test of verify's report
    client c2 nonblock connect
    """.write(to: script, atomically: true, encoding: .utf8)
    defer { try? FileManager.default.removeItem(at: script) }
    let (r, _) = try sockscript(["verify", script.path])
    #expect(r.status == 1)
    #expect(
      r.stdout.contains(
        """
          \(script.path):3:20: c2 connect: result differs
              model:  = -1 EAGAIN
              kernel: = 0
        """))
    #expect(r.stdout.hasSuffix("\n0 passed, 1 failed\n"))
  }

  @Test("a thousand actors: a thousand real threads, each connection admitted")
  func manyActors() throws {
    let clients = (0..<1000).map { "client c\($0) nonblock connect = 0" }.joined(separator: "\n")
    let (r, leftovers) = try sockscript(["run", "--backend", "linux", "-e", "server listen 4096\n" + clients])
    #expect(r.status == 0, "\(r.stderr)")
    #expect(r.stdout.split(separator: "\n").count == 3 + 3 * 1000)
    #expect(r.stdout.hasSuffix("c999     connect(c999, \"server.sock\") = 0\n"))
    #expect(leftovers.isEmpty)
  }
}
