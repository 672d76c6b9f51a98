#if canImport(Glibc)
  import Foundation
  import Glibc
  import Testing

  @testable import SockLinux

  /// Whether the sockscript built with the tests parses `fork` (the language's statements
  /// for processes come from another branch than the backend's).
  enum ForkingBinary {
    static var available: Bool {
      let run = try? KilledRunTests.launch(["run", "-e", "fork child\nchild: exit 0\nwaitpid child = 2"])
      run?.waitUntilExit()
      return run?.terminationReason == .exit && run?.terminationStatus == 0
    }
  }

  /// `sockscript run --backend linux` of a script with forked children, killed midway or
  /// stopped by its time limit: no process, descriptor or file of it is left. Runs once the
  /// language has `fork` (a script the binary does not parse disables it).
  @Suite("Kernel backend: a run killed midway", .serialized, .enabled(if: ForkingBinary.available))
  struct KilledRunTests {
    /// Two children, one with a second thread, asleep while process 1 sleeps.
    static let script = """
      server listen 5
      fork child
      thread helper in child
      helper: server accept &
      fork other
      other: server accept &
      child: sleep 30s &
      sleep 30s

      """

    static func launch(_ arguments: [String], in directory: URL? = nil, stderr: URL? = nil) throws -> Process {
      let process = Process()
      process.executableURL = URL(fileURLWithPath: ProcessDriver.hostExecutable)
      process.arguments = arguments
      if let directory { process.currentDirectoryURL = directory }
      process.standardOutput = FileHandle.nullDevice
      process.standardError = FileHandle.nullDevice
      if let stderr, FileManager.default.createFile(atPath: stderr.path, contents: nil) {
        process.standardError = try FileHandle(forWritingTo: stderr)
      }
      try process.run()
      return process
    }

    /// The hosts (forked children) of `parent`, by pid.
    static func hosts(of parent: pid_t) -> [pid_t] {
      let entries = (try? FileManager.default.contentsOfDirectory(atPath: "/proc")) ?? []
      return entries.compactMap(pid_t.init).filter { pid in
        guard let stat = try? String(contentsOfFile: "/proc/\(pid)/stat", encoding: .utf8),
          let fields = stat.split(separator: ")").last?.split(separator: " "), fields.count > 1,
          fields[1] == "\(parent)"
        else { return false }
        let command = (try? String(contentsOfFile: "/proc/\(pid)/cmdline", encoding: .utf8)) ?? ""
        return command.contains(ProcessHost.flag)
      }
    }

    /// Gone, or a zombie: no thread, descriptor or memory left, only an entry its new
    /// parent (init) has yet to reap.
    static func isDead(_ pid: pid_t) -> Bool {
      guard let stat = try? String(contentsOfFile: "/proc/\(pid)/stat", encoding: .utf8) else { return true }
      return stat.split(separator: ")").last?.split(separator: " ").first == "Z"
    }

    static func waitUntil(seconds: Double, _ condition: () -> Bool) -> Bool {
      let deadline = Date().addingTimeInterval(seconds)
      while !condition() && Date() < deadline { usleep(10_000) }
      return condition()
    }

    /// Waits until `condition` has held for `steady` seconds without a break: a host that
    /// execs, or one just spawned, is briefly not counted, so one true reading is not yet
    /// the state the script sleeps in.
    static func waitUntilSteady(seconds: Double, steady: Double = 1, _ condition: () -> Bool) -> Bool {
      let deadline = Date().addingTimeInterval(seconds)
      var heldSince: Date?
      while Date() < deadline {
        if condition() {
          let since = heldSince ?? Date()
          heldSince = since
          if Date().timeIntervalSince(since) >= steady { return true }
        } else {
          heldSince = nil
        }
        usleep(10_000)
      }
      return false
    }

    // SIGKILL: what no handler can soften. (SIGTERM's default action ends sockscript the
    // same way, with the same effect on its children; but this test runner's threads block
    // SIGTERM, and a child it spawns inherits that mask.)
    @Test("SIGKILL midway: the children die with it; the next run removes its directory", arguments: [SIGKILL])
    func killedMidway(signal: Int32) throws {
      try killMidway(Self.script, signal: signal, named: "killed-run")
    }

    /// The children of ``script``, one of which has exec'd (its host is a new image), one
    /// of whose threads the exec ended.
    static let execScript = """
      server listen 5
      fork child
      thread helper in child
      child: server accept &
      helper: exec
      helper: server accept &
      fork other
      other: exec
      other: sleep 30s &
      sleep 30s

      """

    @Test("SIGKILL midway, after children exec'd: the new images die with it too")
    func killedMidwayAfterExec() throws {
      try killMidway(Self.execScript, signal: SIGKILL, named: "killed-exec-run")
    }

    private func killMidway(_ script: String, signal: Int32, named name: String) throws {
      let directory = FileManager.default.temporaryDirectory.appendingPathComponent("\(name)-\(getpid())-\(signal)")
      try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
      defer { try? FileManager.default.removeItem(at: directory) }
      let file = directory.appendingPathComponent("midway.sock")
      try script.write(to: file, atomically: true, encoding: .utf8)
      let errors = directory.appendingPathComponent("stderr")
      let run = try Self.launch(["run", "--backend", "linux", file.path], in: directory, stderr: errors)
      let pid = run.processIdentifier
      // Generous: the whole suite runs beside it on two cores, and each host is an exec of
      // a debug build.
      let started = Self.waitUntilSteady(seconds: 30) { Self.hosts(of: pid).count == 2 }
      #expect(started, "the run's stderr: \((try? String(contentsOf: errors, encoding: .utf8)) ?? "")")
      let hosts = Self.hosts(of: pid)
      // Its sandbox: a directory named with its pid, holding the listener's socket file.
      let temporary = NSTemporaryDirectory()
      let sandboxes = try FileManager.default.contentsOfDirectory(atPath: temporary)
        .filter { $0.hasPrefix("sockscript-\(pid)-") }
      #expect(sandboxes.count == 1)
      kill(pid, signal)
      run.waitUntilExit()
      #expect(run.terminationReason == .uncaughtSignal)
      #expect(Self.waitUntil(seconds: 5) { hosts.allSatisfy(Self.isDead) })
      // The next kernel run clears the directory of a run whose process is gone.
      let next = try Self.launch(["run", "--backend", "linux", "-e", "socket s"], in: directory)
      next.waitUntilExit()
      for sandbox in sandboxes { #expect(!FileManager.default.fileExists(atPath: temporary + sandbox)) }
    }

    @Test(
      "the time limit: the run kills and reaps its children (exec'd or not) and removes its directory",
      arguments: [KilledRunTests.script, KilledRunTests.execScript])
    func timeLimit(script: String) throws {
      let directory = FileManager.default.temporaryDirectory.appendingPathComponent(
        "limited-run-\(getpid())-\(script.count)")
      try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
      defer { try? FileManager.default.removeItem(at: directory) }
      let file = directory.appendingPathComponent("midway.sock")
      try script.write(to: file, atomically: true, encoding: .utf8)
      // Long enough for both hosts to start (each an exec of a debug build) while the whole
      // suite runs beside it on two cores.
      let errors = directory.appendingPathComponent("stderr")
      let run = try Self.launch(
        ["run", "--backend", "linux", "--time-limit", "8", file.path], in: directory, stderr: errors)
      let pid = run.processIdentifier
      let started = Self.waitUntilSteady(seconds: 7) { Self.hosts(of: pid).count == 2 }
      #expect(started, "the run's stderr: \((try? String(contentsOf: errors, encoding: .utf8)) ?? "")")
      let hosts = Self.hosts(of: pid)
      run.waitUntilExit()
      #expect(run.terminationStatus != 0)
      // Reaped by the run itself: not even a zombie.
      for host in hosts { #expect(processIsGone(host)) }
      let left = try FileManager.default.contentsOfDirectory(atPath: NSTemporaryDirectory())
      #expect(!left.contains { $0.hasPrefix("sockscript-\(pid)-") })
    }
  }
#endif
