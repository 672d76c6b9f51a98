#if canImport(Glibc)
  import Glibc
  import SyscallVocabulary
  import Testing

  @testable import SockLinux

  extension KernelRuns {
    /// RLIMIT_NOFILE on the kernel backend: real in a forked child, refused in process 1.
    @Suite("Kernel backend: setrlimit")
    struct RlimitLinuxTests {
      @Test("a child's limit is real: at it, socket() fails with EMFILE at the model's number")
      func childLimitIsReal() throws {
        let run = try ProcessDriver()
        defer { run.backend.shutDown() }
        let main = run.backend.spawn(name: "main")
        _ = run.call(main, .socketpair(type: .stream))
        let child = try #require(run.fork(main))
        #expect(run.call(child.thread, .setrlimitNofile(RLimit(cur: 6, max: 6)))?.value == 0)
        #expect(run.call(child.thread, .socket(type: .stream, protocol: 0))?.value == 5)
        #expect(run.call(child.thread, .socket(type: .stream, protocol: 0))?.errno == .EMFILE)
      }

      @Test(
        "process 1 is sockscript: its setrlimit is refused, and so is a fork from a child limited below its host's needs"
      )
      func refusals() throws {
        let run = try ProcessDriver()
        defer { run.backend.shutDown() }
        let main = run.backend.spawn(name: "main")
        _ = run.call(main, .setrlimitNofile(RLimit(cur: 8, max: 8)))
        #expect(run.cannotRun.first?.contains("would limit sockscript itself") == true)
        let second = try ProcessDriver()
        defer { second.backend.shutDown() }
        let parent = second.backend.spawn(name: "main")
        let child = try #require(second.fork(parent))
        _ = second.call(child.thread, .setrlimitNofile(RLimit(cur: 8, max: 8)))
        _ = second.call(child.thread, .fork)
        #expect(second.cannotRun.first?.contains("its host needs descriptors") == true)
      }
    }
  }
#endif
