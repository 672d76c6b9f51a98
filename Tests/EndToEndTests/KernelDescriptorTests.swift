import Foundation
import Testing

/// The script's descriptor numbers on the real kernel, for the calls that make descriptors
/// other than `socket` and `accept`: the backend's own descriptors must not show through.
@Suite("descriptors on the real kernel", .serialized)
struct KernelDescriptorTests {
  @Test("dup, dup2 onto a free number, F_DUPFD and open return the model's numbers, and the run leaves nothing behind")
  func numbersAgree() throws {
    let temporary = try Sockscript.temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: temporary) }
    let script = """
      socketpair a b
      a dup as d = 5
      a dup2 9 as n = 9
      a fcntl dupfd 7 as s = 7
      touch "f"
      open "f" as f = 6
      client c
      n close
      client e
      f recv 1 = ENOTSOCK
      d fcntl getfl = [O_RDWR]
      """
    let run = try Sockscript.run(
      ["run", "--backend", "linux", "-e", script], environment: ["TMPDIR": temporary.path + "/"])
    #expect(run.status == 0, "\(run.stderr)")
    #expect(run.stdout.contains("c        socket(AF_UNIX, SOCK_STREAM, 0) = 8"))
    #expect(run.stdout.contains("e        socket(AF_UNIX, SOCK_STREAM, 0) = 9"))
    let leftovers = try FileManager.default.contentsOfDirectory(atPath: temporary.path)
    #expect(leftovers.isEmpty, "left behind: \(leftovers)")
  }
}
