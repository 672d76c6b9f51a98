#if canImport(Glibc)
  import SyscallVocabulary
  import Testing

  @testable import SockLinux

  extension KernelRuns {
    /// Two calls found asleep at every probe may still be running in turns: the driver
    /// must not take them for a stall.
    @Suite("Kernel backend: a long transfer is progress, not a stall")
    struct ProgressProbeTests {
      @Test("64 MiB through a 4608-byte send buffer to a MSG_WAITALL reader completes: both calls return")
      func transferThroughSmallBuffers() throws {
        let run = try ProcessDriver()
        defer { run.backend.shutDown() }
        let writer = run.backend.spawn(name: "a")
        let reader = run.backend.spawn(name: "b")
        let pair = try #require(run.call(writer, .socketpair(type: .stream))?.pair)
        #expect(run.call(writer, .setIntOption(fd: pair.fds.0, option: .SO_SNDBUF, value: 1))?.value == 0)
        let size = 64 << 20
        let recv = run.submit(reader, .recv(fd: pair.fds.1, length: size, flags: [.MSG_WAITALL]))
        let send = run.submit(writer, .send(fd: pair.fds.0, data: .zeros(size), flags: [], address: nil))
        // Takes well over the 100 ms stall grace: 0.7 s to 0.9 s measured here.
        run.settle { run.outcome(recv) != nil && run.outcome(send) != nil }
        #expect(run.outcome(send)?.value == Int64(size))
        #expect(run.outcome(recv)?.value == Int64(size))
        #expect(run.backend.stopReason == nil)
      }
    }
  }
#endif
