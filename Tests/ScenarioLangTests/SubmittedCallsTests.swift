import SyscallVocabulary
import Testing

@testable import ScenarioLang

/// The session's calls in flight, kept by tag; the latest one in a slot of its own, which
/// must behave exactly as the dictionary would.
@Suite("Submitted calls")
struct SubmittedCallsTests {
  /// The process owns its threads; a call keeps its thread.
  let process = ScenarioProcess(pid: 1)
  let thread: ScenarioThread

  init() { thread = process.addThread(named: "a", task: TaskID(rawValue: 0)) }

  func call(_ word: String) -> SubmittedCall {
    SubmittedCall(
      thread: thread, location: SourceLocation(line: 1, column: 1, offset: 0), word: word, expectation: nil,
      acceptName: nil)
  }

  @Test("the latest call is found, changed and removed by its tag; older ones stay")
  func latestAndOlder() {
    var calls = SubmittedCalls()
    #expect(calls.isEmpty)
    calls.insert(call("send"), tag: 1)
    calls.insert(call("recv"), tag: 2)
    #expect(calls[1]?.word == "send" && calls[2]?.word == "recv" && calls[3] == nil)
    calls[2]?.blockedIn = "recvfrom"
    calls[1]?.blockedIn = "sendto"
    #expect(calls[2]?.blockedIn == "recvfrom" && calls[1]?.blockedIn == "sendto")
    #expect(calls.all.map(\.tag).sorted() == [1, 2])
    #expect(calls.removeValue(forKey: 2)?.word == "recv")
    #expect(calls.removeValue(forKey: 2) == nil)
    #expect(!calls.isEmpty)
    #expect(calls.removeValue(forKey: 1)?.word == "send")
    #expect(calls.isEmpty && calls.all.isEmpty)
  }

  @Test("setting a tag's call to nil removes it, in the slot or not")
  func setNil() {
    var calls = SubmittedCalls()
    calls.insert(call("accept"), tag: 5)
    calls.insert(call("connect"), tag: 6)
    calls[6] = nil
    #expect(calls[6] == nil && calls[5]?.word == "accept")
    calls[5] = nil
    #expect(calls.isEmpty)
    calls.insert(call("close"), tag: 7)
    #expect(calls.all.map(\.call.word) == ["close"])
  }
}
