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

  @Test("calls returning in any order, with one that never does, are found as a dictionary would find them")
  func anyOrder() {
    var calls = SubmittedCalls()
    var expected: [Int: SubmittedCall] = [:]
    calls.insert(call("accept"), tag: 0)
    expected[0] = calls[0]
    // A fixed pseudo-random sequence (a linear congruential generator), so a failure repeats.
    var seed: UInt64 = 42
    func next(_ bound: Int) -> Int {
      seed = seed &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
      return Int((seed >> 33) % UInt64(bound))
    }
    var tag = 1
    for _ in 0..<5000 {
      switch next(4) {
      case 0, 1:
        let made = call("c\(tag)")
        calls.insert(made, tag: tag)
        expected[tag] = made
        tag += 1
      case 2:
        // Any call in flight but the first, which never returns.
        guard expected.count > 1 else { continue }
        let victim = expected.keys.filter { $0 != 0 }.sorted()[next(expected.count - 1)]
        #expect(calls.removeValue(forKey: victim) === expected.removeValue(forKey: victim))
      default:
        let probe = next(tag + 1)
        #expect(calls[probe] === expected[probe])
        #expect(calls.removeValue(forKey: tag + 7) == nil)
      }
    }
    #expect(Set(calls.all.map(\.tag)) == Set(expected.keys))
    for (tag, call) in expected { #expect(calls.removeValue(forKey: tag) === call) }
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
