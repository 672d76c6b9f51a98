#if canImport(Glibc)
  import Glibc
  import Synchronization
  import Testing

  @testable import SockLinux

  @Suite("Kernel backend: a thread's state from /proc/…/stat")
  struct ThreadProbeTests {
    private func state(_ line: String) -> Character? {
      ThreadProbe.state(ofStatLine: ArraySlice(Array(line.utf8))).map { Character(Unicode.Scalar($0)) }
    }

    @Test("the letter after the command name")
    func plainLine() {
      #expect(state("4242 (sockscript) S 1 4242 4242 0 -1") == "S")
      #expect(state("7 (a) R 1 7") == "R")
    }

    @Test("a command name holding ') S (' does not hide the letter: it is after the last ')'")
    func nameWithParentheses() {
      #expect(state("99 (x) S (y) D 1 99") == "D")
    }

    @Test("a line cut before the letter has none")
    func truncatedLine() {
      #expect(state("99 (name)") == nil)
      #expect(state("99 (name) ") == nil)
      #expect(state("99 name S") == nil)
    }

    @Test("S and D are sleeps; R (which TASK_WAKING reads as) is not")
    func sleepingStates() {
      #expect(ThreadProbe.isSleepingState(UInt8(ascii: "S")))
      #expect(ThreadProbe.isSleepingState(UInt8(ascii: "D")))
      #expect(!ThreadProbe.isSleepingState(UInt8(ascii: "R")))
    }

    /// Right after a `write` wakes a reader, its `syscall` file often still shows `recvfrom`
    /// (TASK_WAKING on an idle CPU's wake list): 12 717 times in 20 000 here, measured in C. The
    /// probe must not take that for asleep; when it says asleep, the reader has had its byte.
    @Test("a reader just woken by a write is not seen asleep until it has read and slept again")
    func wokenReaderIsNotAsleep() throws {
      var pair: [Int32] = [0, 0]
      try #require(socketpair(AF_UNIX, Int32(SOCK_STREAM.rawValue), 0, &pair) == 0)
      let reader = ReaderThread(fd: pair[1])
      guard reader.start() else {
        close(pair[0])
        close(pair[1])
        Issue.record("no reader thread")
        return
      }
      // End of file ends the reader.
      defer {
        close(pair[0])
        reader.join()
      }
      let syscallFile = ThreadProbe.openOwnFile("/proc/self/task/\(reader.tid.load(ordering: .acquiring))/syscall")
      let statFile = ThreadProbe.openOwnFile("/proc/self/task/\(reader.tid.load(ordering: .acquiring))/stat")
      defer {
        close(syscallFile)
        close(statFile)
      }
      // recvfrom's number, which `recv` makes.
      #if arch(x86_64)
        let recvNumber = 45
      #else
        let recvNumber = 207
      #endif
      func asleep() -> Bool {
        ThreadProbe.isSleeping(syscallFile: syscallFile, inSyscall: recvNumber, statFile: statFile)
      }
      var byte: UInt8 = 0
      for done in 0..<2000 {
        var spins = 0
        while !asleep() {
          spins += 1
          try #require(spins < 10_000_000, "the reader never fell asleep")
        }
        #expect(write(pair[0], &byte, 1) == 1)
        if asleep() { #expect(reader.bytes.load(ordering: .sequentiallyConsistent) == done + 1) }
      }
    }

    @Test("this thread, running, reads R from its own stat file")
    func ownThreadRuns() throws {
      let file = ThreadProbe.openOwnFile("/proc/thread-self/stat")
      try #require(file >= 0)
      defer { close(file) }
      #expect(ThreadProbe.state(statFile: file) == UInt8(ascii: "R"))
    }
  }

  /// A thread receiving one byte at a time from `fd` until end of file, counting the bytes.
  private final class ReaderThread: @unchecked Sendable {
    let fd: Int32
    let tid = Atomic<Int32>(0)
    let bytes = Atomic<Int>(0)
    private var thread = pthread_t()

    init(fd: Int32) { self.fd = fd }

    func start() -> Bool {
      let made = pthread_create(
        &thread, nil,
        { raw in
          let reader = Unmanaged<ReaderThread>.fromOpaque(raw!).takeRetainedValue()
          reader.tid.store(GNU.threadID(), ordering: .releasing)
          var byte: UInt8 = 0
          while recv(reader.fd, &byte, 1, 0) == 1 { reader.bytes.add(1, ordering: .sequentiallyConsistent) }
          return nil
        }, Unmanaged.passRetained(self).toOpaque())
      guard made == 0 else { return false }
      while tid.load(ordering: .acquiring) == 0 { sched_yield() }
      return true
    }

    /// Waits for the reader to see end of file (its peer closed), then closes `fd`.
    func join() {
      pthread_join(thread, nil)
      close(fd)
    }
  }
#endif
