import Foundation
import Testing

/// Runs the built `sockscript` binary and checks stdout, stderr and the exit status.
@Suite("sockscript binary")
struct CLITests {
  func sockscript(_ arguments: [String], stdin: String? = nil) throws -> Sockscript.Run {
    try Sockscript.run(arguments, stdin: stdin)
  }

  @Test("the seed line: EAGAIN at virtual t=1.000000")
  func seed() throws {
    let r = try sockscript(["run", "-e", "server listen 0; client c1 sndtimeo 1s connect; c1 connect"])
    #expect(r.status == 0)
    #expect(r.stderr.isEmpty)
    #expect(
      r.stdout.hasSuffix("1.000000 c1       <... connect resumed> = -1 EAGAIN (Resource temporarily unavailable)\n"))
  }

  @Test("sndtimeo 0: a blocks-forever report on stdout, a located error on stderr, exit 2")
  func forever() throws {
    let r = try sockscript(["run", "-e", "server listen 0; client c1 sndtimeo 0 connect; c1 connect"])
    #expect(r.status == 2)
    #expect(r.stdout.contains("blocks forever on server.peer_wait"))
    #expect(r.stderr.hasPrefix("-e:1:51: error: c1 blocks forever in connect on server.peer_wait\n"))
  }

  @Test("a syntax error: exit 65, nothing on stdout, file:line:col with a caret")
  func syntaxError() throws {
    let r = try sockscript(["run", "-"], stdin: "server listen 0\nclient c1 conect\n")
    #expect(r.status == 65)
    #expect(r.stdout.isEmpty)
    #expect(r.stderr.hasPrefix("<stdin>:2:11: error: unknown operation 'conect'\nclient c1 conect\n          ^~~~~~\n"))
  }

  @Test("a failed expectation: exit 1")
  func failedExpectation() throws {
    let r = try sockscript(["run", "-e", "server listen 5; client c1 connect = -1 EAGAIN"])
    #expect(r.status == 1)
    #expect(r.stderr.contains("error: expected connect to return -1 EAGAIN, but it returned 0"))
  }

  @Test("usage errors exit 64; an unreadable file exits 74; --help and --version exit 0")
  func usage() throws {
    #expect(try sockscript(["run"]).status == 64)
    #expect(try sockscript(["run", "--hz", "0", "-e", "sleep 1s"]).status == 64)
    let missing = try sockscript(["run", "no/such.sock"])
    #expect(missing.status == 74)
    #expect(missing.stderr.contains("cannot read 'no/such.sock'"))
    let help = try sockscript(["--help"])
    #expect(help.status == 0 && help.stdout.contains("EXIT STATUS"))
    #expect(try sockscript(["--version"]).stdout.hasPrefix("sockscript "))
  }

  @Test("a missing file after a good one: its header, then the reason it failed (not a stale errno)")
  func missingAfterGoodFile() throws {
    // Without NO_COLOR the run asks isatty(2) whether to color, which leaves ENOTTY in errno.
    let r = try Sockscript.run(["run", "samples/seed/seed-line.sock", "no/such.sock"], unset: ["NO_COLOR"])
    #expect(r.status == 74)
    #expect(r.stdout.hasPrefix("==> samples/seed/seed-line.sock <==\n"))
    #expect(r.stdout.hasSuffix("\n\n==> no/such.sock <==\n"))
    #expect(r.stderr == "sockscript: error: cannot read 'no/such.sock': No such file or directory\n")
  }

  @Test("invalid UTF-8 is a located script error")
  func invalidUTF8() throws {
    let file = FileManager.default.temporaryDirectory.appendingPathComponent("bad-\(getpid()).sock")
    try Data([0x73, 0x6C, 0x65, 0x65, 0x70, 0x20, 0xFF, 0x0A]).write(to: file)
    defer { try? FileManager.default.removeItem(at: file) }
    let r = try sockscript(["run", file.path])
    #expect(r.status == 65)
    #expect(r.stderr.contains(":1:7: error: invalid UTF-8 (byte 0xFF)"))
  }

  @Test("--explain prints the kernel's reason")
  func explain() throws {
    let r = try sockscript(["run", "--explain", "-e", "server listen 0; client c1 sndtimeo -1s connect; c1 connect"])
    #expect(r.stdout.contains("why: unix_stream_connect: unix_recvq_full: qlen 1 > sk_max_ack_backlog 0, timeo 0"))
  }
}
