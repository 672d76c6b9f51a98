import Foundation
import Testing

/// `tools/verify-soak.sh`: repeats `verify`, counts the runs that failed, and never leaves
/// its busy loops running.
@Suite("tools/verify-soak.sh", .serialized)
struct VerifySoakTests {
  /// The soak script in its own session and process group, with no signal blocked or
  /// ignored, as a shell at a terminal starts it (the test runner blocks several signals,
  /// which children would inherit).
  final class Soak {
    let pid: pid_t
    private let output: FileHandle
    private(set) var text = ""

    init(_ arguments: [String]) throws {
      var pipe: [Int32] = [-1, -1]
      guard Glibc.pipe(&pipe) == 0 else { throw POSIXError(.EMFILE) }
      var actions = posix_spawn_file_actions_t()
      posix_spawn_file_actions_init(&actions)
      defer { posix_spawn_file_actions_destroy(&actions) }
      posix_spawn_file_actions_adddup2(&actions, pipe[1], 1)
      posix_spawn_file_actions_adddup2(&actions, pipe[1], 2)
      posix_spawn_file_actions_addclose(&actions, pipe[0])
      posix_spawn_file_actions_addclose(&actions, pipe[1])
      var attributes = posix_spawnattr_t()
      posix_spawnattr_init(&attributes)
      defer { posix_spawnattr_destroy(&attributes) }
      var none = sigset_t()
      sigemptyset(&none)
      posix_spawnattr_setsigmask(&attributes, &none)
      var defaults = sigset_t()
      sigfillset(&defaults)
      posix_spawnattr_setsigdefault(&attributes, &defaults)
      posix_spawnattr_setpgroup(&attributes, 0)
      posix_spawnattr_setflags(
        &attributes, Int16(POSIX_SPAWN_SETPGROUP | POSIX_SPAWN_SETSIGMASK | POSIX_SPAWN_SETSIGDEF))
      let script = Sockscript.root.appendingPathComponent("tools/verify-soak.sh").path
      let argv = (["/bin/bash", script] + arguments).map { strdup($0) } + [nil]
      var environment = ProcessInfo.processInfo.environment
      environment["SOCKSCRIPT_BIN"] = Sockscript.binary
      let envp = environment.map { strdup("\($0.key)=\($0.value)") } + [nil]
      defer { (argv + envp).forEach { free($0) } }
      var child: pid_t = 0
      let status = posix_spawn(&child, "/bin/bash", &actions, &attributes, argv, envp)
      close(pipe[1])
      output = FileHandle(fileDescriptor: pipe[0], closeOnDealloc: true)
      guard status == 0 else { throw POSIXError(POSIXErrorCode(rawValue: status) ?? .EINVAL) }
      pid = child
    }

    /// Reads until the output contains `marker` or ends.
    func read(until marker: String) {
      while !text.contains(marker) {
        let chunk = output.availableData
        guard !chunk.isEmpty else { return }
        text += String(decoding: chunk, as: UTF8.self)
      }
    }

    /// Reads the rest of the output and waits for the exit status.
    func finish() -> Int32 {
      text += String(decoding: output.readDataToEndOfFile(), as: UTF8.self)
      var status: Int32 = 0
      waitpid(pid, &status, 0)
      return (status & 0x7f) == 0 ? (status >> 8) & 0xff : 128 + (status & 0x7f)
    }

    /// The process ids on the `busy loops: …` line.
    var loops: [pid_t] {
      let line = text.split(separator: "\n").first { $0.hasPrefix("busy loops: ") } ?? ""
      return line.dropFirst("busy loops: ".count).split(separator: " ").compactMap { pid_t($0) }
    }
  }

  static func isRunning(_ pid: pid_t) -> Bool { kill(pid, 0) == 0 }

  /// A sample's absolute path (the soak runs in the test runner's directory).
  static let sample = Sockscript.root.appendingPathComponent("samples/seed/sndtimeo-10ms.sock").path

  @Test("two runs with busy loops: a line per run, the count, and no loop left afterwards")
  func counts() throws {
    let soak = try Soak(["-n", "2", "--busy", Self.sample])
    let status = soak.finish()
    #expect(status == 0, "\(soak.text)")
    // Each run's line: its exit status, verify's summary and how many seconds it took.
    let runs = soak.text.split(separator: "\n").filter { $0.hasPrefix("run ") }
    #expect(runs.count == 2)
    #expect(runs.first?.hasPrefix("run 1: exit 0, 1 passed, 0 failed (") == true)
    #expect(runs.last?.hasPrefix("run 2: exit 0, 1 passed, 0 failed (") == true)
    #expect(runs.allSatisfy { $0.hasSuffix(" s)") })
    #expect(soak.text.hasSuffix("2 runs, 0 with divergences\n"))
    #expect(soak.loops.count == 2)
    #expect(soak.loops.allSatisfy { !Self.isRunning($0) })
  }

  @Test("a run that fails is counted, its FAIL lines shown, and the soak exits 1")
  func failingRun() throws {
    let directory = try Sockscript.temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: directory) }
    let wrong = directory.appendingPathComponent("wrong.sock")
    try "server listen 0 = 5\n".write(to: wrong, atomically: true, encoding: .utf8)
    let soak = try Soak(["-n", "1", wrong.path])
    #expect(soak.finish() == 1)
    #expect(soak.text.contains("  FAIL \(wrong.path): both runs end with exit status 1"))
    #expect(soak.text.hasSuffix("1 runs, 1 with divergences\n"))
  }

  @Test("Ctrl-C (SIGINT to its process group) kills the busy loops, and the soak exits 130")
  func interrupted() throws {
    let soak = try Soak(["-n", "1000", "--busy", Self.sample])
    // The first run's line: the loops are running and so is a run.
    soak.read(until: "run 1:")
    let loops = soak.loops
    #expect(loops.count == 2 && loops.allSatisfy(Self.isRunning), "\(soak.text)")
    kill(-soak.pid, SIGINT)
    #expect(soak.finish() == 130)
    #expect(loops.allSatisfy { !Self.isRunning($0) })
  }
}
