#if canImport(Glibc)
  import Glibc
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

    @Test("this thread, running, reads R from its own stat file")
    func ownThreadRuns() throws {
      let file = ThreadProbe.openOwnFile("/proc/thread-self/stat")
      try #require(file >= 0)
      defer { close(file) }
      #expect(ThreadProbe.state(statFile: file) == UInt8(ascii: "R"))
    }
  }
#endif
