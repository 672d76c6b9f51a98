#if canImport(Glibc)
  import Foundation
  import Testing

  @testable import SockLinux

  @Suite("Sandbox: nothing left behind")
  struct SandboxTests {
    @Test("a run's directory is removed at its end; one of a killed run by the next run; a live run's is kept")
    func abandonedDirectories() throws {
      let temporary = FileManager.default.temporaryDirectory.appendingPathComponent("sandbox-\(getpid())").path + "/"
      try FileManager.default.createDirectory(atPath: temporary, withIntermediateDirectories: true)
      defer { try? FileManager.default.removeItem(atPath: temporary) }
      // A process that has exited and been reaped: its pid names no process now.
      let gone = Process()
      gone.executableURL = URL(fileURLWithPath: "/bin/true")
      try gone.run()
      gone.waitUntilExit()
      let abandoned = temporary + "sockscript-\(gone.processIdentifier)-AbCdEf"
      let live = temporary + "sockscript-\(getpid())-GhIjKl"
      let foreign = temporary + "sockscript-notarun"
      for directory in [abandoned, live, foreign] {
        try FileManager.default.createDirectory(atPath: directory + "/tmp", withIntermediateDirectories: true)
      }
      _ = FileManager.default.createFile(atPath: abandoned + "/server.sock", contents: nil)
      Sandbox.removeAbandoned(in: temporary)
      #expect(!FileManager.default.fileExists(atPath: abandoned))
      #expect(FileManager.default.fileExists(atPath: live))
      #expect(FileManager.default.fileExists(atPath: foreign))
    }
  }
#endif
