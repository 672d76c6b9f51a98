import SyscallVocabulary
import Testing

@testable import SockKernel

/// RLIMIT_NOFILE: `do_prlimit`'s checks, and `alloc_fd`'s bound at every place a
/// descriptor is made.
@Suite("RLIMIT_NOFILE: do_prlimit and EMFILE")
struct RlimitTests {
  /// A forked child (process 1 keeps the model's default) with soft limit `limit`.
  func child(_ h: Harness, limit: UInt64) -> TaskID {
    let child = h.call(h.task("p"), .fork)!.child!
    #expect(h.call(child, .setrlimitNofile(RLimit(cur: limit, max: limit))).returned == .value(0))
    return child
  }

  @Test("do_prlimit: soft above hard is EINVAL; hard above nr_open, or raised without CAP_SYS_RESOURCE, EPERM")
  func prlimitChecks() {
    let h = Harness()
    let c = child(h, limit: 64)
    #expect(h.call(c, .setrlimitNofile(RLimit(cur: 16, max: 8))).returned == .error(.EINVAL))
    #expect(h.call(c, .setrlimitNofile(RLimit(cur: 8, max: 2_000_000))).returned == .error(.EPERM))
    #expect(h.call(c, .setrlimitNofile(RLimit(cur: 8, max: 65))).returned == .error(.EPERM))
    #expect(h.call(c, .setrlimitNofile(RLimit(cur: 8, max: 32))).returned == .value(0))
  }

  @Test("with CAP_SYS_RESOURCE, root raises its hard limit; a process that dropped root does not")
  func capSysResource() {
    var config = KernelConfig()
    config.capSysResource = true
    let h = Harness(config: config)
    let p = h.task("p")
    let c = h.call(p, .fork)!.child!
    #expect(h.call(c, .setrlimitNofile(RLimit(cur: 8, max: 8))).returned == .value(0))
    #expect(h.call(c, .setrlimitNofile(RLimit(cur: 8, max: 16))).returned == .value(0))
    _ = h.call(c, .setuid(1000))
    #expect(h.call(c, .setrlimitNofile(RLimit(cur: 8, max: 32))).returned == .error(.EPERM))
  }

  @Test("socket and open at the limit: EMFILE; open takes the descriptor before it looks at the path")
  func socketAndOpen() {
    let h = Harness()
    let c = child(h, limit: 4)
    #expect(h.socket(c) == 3)
    #expect(h.call(c, .socket(type: .stream, protocol: 0)).returned == .error(.EMFILE))
    #expect(h.call(c, .open(path: "missing")).returned == .error(.EMFILE))
  }

  @Test("socketpair needs two: with one free it is EMFILE, and the one it took is free again")
  func socketpairReleasesTheFirst() {
    let h = Harness()
    let c = child(h, limit: 4)
    #expect(h.call(c, .socketpair(type: .stream)).returned == .error(.EMFILE))
    #expect(h.socket(c) == 3)
  }

  @Test("accept at the limit is EMFILE and leaves the connection queued")
  func acceptKeepsTheConnection() {
    let h = Harness()
    let p = h.task("p")
    let lfd = h.listener(p, "s.sock", backlog: 5)
    let client = h.socket(p)
    _ = h.connect(p, client, "s.sock")
    let c = h.call(p, .fork)!.child!
    _ = h.call(c, .setrlimitNofile(RLimit(cur: 5, max: 5)))
    #expect(h.call(c, .accept(fd: lfd, flags: 0)).returned == .error(.EMFILE))
    _ = h.call(c, .close(fd: client))
    #expect(h.call(c, .accept(fd: lfd, flags: 0)).returned == .value(4))
  }

  @Test("dup is EMFILE; dup2 onto the limit EBADF; F_DUPFD from the limit EINVAL, below it with none free EMFILE")
  func duplicates() {
    let h = Harness()
    let c = child(h, limit: 4)
    let s = h.socket(c)
    #expect(h.call(c, .dup(fd: s)).returned == .error(.EMFILE))
    #expect(h.call(c, .dup2(fd: s, newfd: 4)).returned == .error(.EBADF))
    #expect(h.call(c, .fcntl(fd: s, command: .F_DUPFD, arg: 4)).returned == .error(.EINVAL))
    #expect(h.call(c, .fcntl(fd: s, command: .F_DUPFD, arg: 3)).returned == .error(.EMFILE))
  }

  @Test("a lower limit closes nothing; a fork copies the limit (copy_signal)")
  func lowerKeepsOpenAndForkCopies() {
    let h = Harness()
    let p = h.task("p")
    let c = h.call(p, .fork)!.child!
    let (a, _) = h.socketpair(c, .stream)
    _ = h.call(c, .setrlimitNofile(RLimit(cur: 3, max: 3)))
    #expect(h.send(c, a, .bytes([1]), flags: []).returned == .value(1))
    let grandchild = h.call(c, .fork)!.child!
    #expect(h.call(grandchild, .socket(type: .stream, protocol: 0)).returned == .error(.EMFILE))
    // Process 1 keeps its own.
    #expect(h.socket(p) >= 3)
  }
}
