import Foundation
import Testing

/// `NAME.err`: the standard error a test must print, when the file exists.
@Suite("sockscript test: NAME.err golden files")
struct RunnerStderrTests {
  static let fixtures = "\(RunnerOutcomeTests.fixtures)/stderr"
  let files = FileManager.default

  @Test("stderr is compared with NAME.err, the script named by its file name; no .err, no comparison")
  func compared() throws {
    let r = try Sockscript.run(["test", Self.fixtures])
    let golden = "\(Self.fixtures)/stale.err"
    #expect(r.status == 1)
    #expect(
      r.stdout == """
        FAIL  \(Self.fixtures)/stale.sock: standard error differs from \(golden)
        \(golden):1: first difference
        --- \(golden)
        +++ \(Self.fixtures)/stale.sock (actual standard error)
        @@ -1 +1,5 @@
        -stale.sock:3:8: error: unknown operation
        +stale.sock:3:8: error: unknown operation 'lisen'
        +server lisen 0
        +       ^~~~~
        +stale.sock:3:8: note: did you mean 'listen'?
        +stale.sock:3:8: note: operations: bind, listen, connect, accept, close, shutdown, sndtimeo, rcvtimeo, get, nonblock, send, recv, sndbuf, rcvbuf, poll, disconnect, dup, dup2, dup3, fcntl, accept4, read, write, getsockname, getpeername, autobind, passcred, passsec, passpidfd, passrights, sendmsg, recvmsg, sendmmsg, recvmmsg, oobinline, ioctl, inq, epoll_ctl, epoll_wait, rcvlowat, peek_off, ppoll, select, pselect, epoll_pwait
        PASS  \(Self.fixtures)/typo.sock
        PASS  \(Self.fixtures)/unpinned.sock
        2 passed, 1 failed

        """)
  }

  @Test("--update rewrites a differing NAME.err but never creates one")
  func update() throws {
    let dir = try Sockscript.temporaryDirectory()
    defer { try? files.removeItem(at: dir) }
    for name in ["stale.sock", "stale.out", "stale.err", "unpinned.sock"] {
      try files.copyItem(
        at: Sockscript.root.appendingPathComponent("\(Self.fixtures)/\(name)"), to: dir.appendingPathComponent(name))
    }
    let updated = try Sockscript.run(["test", "--update"], in: dir)
    #expect(updated.status == 0)
    #expect(updated.stdout.hasPrefix("PASS  stale.sock (updated stale.err)\n"))
    let rewritten = try String(contentsOf: dir.appendingPathComponent("stale.err"), encoding: .utf8)
    #expect(rewritten.hasPrefix("stale.sock:3:8: error: unknown operation 'lisen'\nserver lisen 0\n"))
    #expect(!files.fileExists(atPath: dir.appendingPathComponent("unpinned.err").path))
    #expect(files.fileExists(atPath: dir.appendingPathComponent("unpinned.out").path))
    #expect(try Sockscript.run(["test"], in: dir).status == 0)
  }
}
