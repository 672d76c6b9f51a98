import Foundation
import Testing

/// `sockscript verify` judges a script as `sockscript test` does: agreeing with the kernel
/// is not enough, the runs must also end as the header declares.
@Suite("verify: verdicts follow the test header", .serialized)
struct VerifyVerdictTests {
  /// Writes `scripts` (name → text) into a fresh directory and runs `verify` on it.
  func verify(_ scripts: [String: String], _ extra: [String] = []) throws -> Sockscript.Run {
    let directory = try Sockscript.temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: directory) }
    for (name, text) in scripts {
      try text.write(to: directory.appendingPathComponent(name), atomically: true, encoding: .utf8)
    }
    return try Sockscript.run(["verify"] + extra + [directory.path], in: directory)
  }

  @Test("an expectation that fails on both sides fails verify, with the failed expectation shown")
  func bothSidesFail() throws {
    let r = try verify(["wrong.sock": "server listen 0\nclient c1 connect = -1 ECONNREFUSED\n"])
    #expect(r.status == 1, "\(r.stdout)")
    #expect(
      r.stdout.contains(
        """
        /wrong.sock: both runs end with exit status 1 (an inline expectation failed), expected 0
        """))
    #expect(
      r.stdout.contains(
        """
        /wrong.sock:2:19: error: expected connect to return -1 ECONNREFUSED, but it returned 0
        client c1 connect = -1 ECONNREFUSED
                          ^
        """))
    #expect(r.lastLine == "0 passed, 1 failed")
  }

  @Test("a script whose header declares the failure ('# exit: 1') passes when both sides fail so")
  func declaredFailurePasses() throws {
    let r = try verify(["declared.sock": "# exit: 1\nserver listen 0\nclient c1 connect = -1 ECONNREFUSED\n"])
    #expect(r.status == 0, "\(r.stdout)")
    #expect(r.stdout.contains("/declared.sock (5 calls agree)"))
    #expect(r.lastLine == "1 passed, 0 failed")
  }

  @Test("a declared exit status that neither side ends with fails")
  func undeclaredSuccessFails() throws {
    let r = try verify(["declared.sock": "# exit: 2\nserver listen 0\n"])
    #expect(r.status == 1)
    #expect(r.stdout.contains("/declared.sock: both runs end with exit status 0 (ok), expected 2"))
  }

  @Test("'# skip:' skips, and the summary counts it as test does")
  func skip() throws {
    let r = try verify(["a.sock": "server listen 0\n", "b.sock": "# skip: not today\nserver listen 0 = 7\n"])
    #expect(r.status == 0, "\(r.stdout)")
    #expect(r.stdout.contains("skip ") && r.stdout.contains("/b.sock (not today)"))
    #expect(r.lastLine == "1 passed, 0 failed, 1 skipped")
  }

  @Test("'# xfail:' counts a failing script as passed, and one that agrees as failed")
  func xfail() throws {
    let failing = try verify(["x.sock": "# xfail: known\nserver listen 0\nclient c connect = 5\n"])
    #expect(failing.status == 0, "\(failing.stdout)")
    #expect(failing.stdout.contains("xfail ") && failing.stdout.contains("/x.sock (known)"))
    let agreeing = try verify(["x.sock": "# xfail: known\nserver listen 0\n"])
    #expect(agreeing.status == 1)
    #expect(agreeing.stdout.contains("/x.sock: agrees, but it is marked xfail (known)"))
    #expect(agreeing.lastLine == "0 passed, 1 failed")
  }

  @Test("a header asking for another HZ than the kernel's is skipped, with both rates named")
  func otherHZ() throws {
    let r = try verify(["hz.sock": "# hz: 100000\nserver listen 0\n"])
    #expect(r.status == 0)
    #expect(r.stdout.contains("/hz.sock (its header asks for HZ 100000; this kernel runs at HZ "))
  }

  @Test("divergences a loop repeats at one place are one line with a count")
  func loopDivergencesCollapse() throws {
    // The backlog is full on the model only, so every connect of the loop differs.
    let r = try verify([
      "loop.sock": """
      server listen 2
      repeat 3 as i { client c$i connect }  # model-only: fills the backlog on the model only
      repeat 3 as i { client d$i nonblock connect }
      """
    ])
    #expect(r.status == 1)
    #expect(r.stdout.contains("/loop.sock: 6 divergences\n"), "\(r.stdout)")
    #expect(
      r.stdout.contains(
        """
        /loop.sock:3:37: d0 connect: result differs, 3 times here (the first shown)
              model:  = -1 EAGAIN
              kernel: = 0
        """))
  }

  @Test("a kernel run that starts the waker only after the sleepers' timeouts says so in one line, not as divergences")
  func kernelFellBehind() throws {
    // Starting 400 threads takes far longer than the 4 ms the first sleeper waits: on the
    // kernel it times out before the accept that wakes it on the model.
    let r = try verify([
      "late.sock": """
      server listen 0
      client c0 connect
      repeat 400 as i { client w$i sndtimeo 4ms connect & }
      server accept
      """
    ])
    #expect(r.status == 1)
    let lines = r.stdout.split(separator: "\n")
    #expect(lines.count == 2, "\(r.stdout)")
    #expect(lines.first?.contains("/late.sock: the kernel run fell ") == true)
    // Where it fell behind depends on the machine: some call of the loop, or the accept.
    #expect(lines.first?.contains(" ms behind the script's timing at ") == true)
    #expect(lines.first?.hasSuffix("; the comparison is not meaningful (3 kernel runs)") == true)
  }
}
