import SockKernel
import SyscallVocabulary
import Testing

@testable import ScenarioLang

@Suite("verify: side directives, kernel tolerance, call comparison")
struct VerifyTests {
  // MARK: # model-only / # kernel-only

  @Test("a '# model-only: WHY' comment marks every statement of its line, and only those")
  func directiveMarksItsLine() throws {
    let script = try Parser.parse(
      """
      server listen 0
      client c1 connect; client c2 connect  # model-only: the kernel picks the winner
      client c3 connect  # kernel-only: printed by dmesg only
      client c4 connect  # model-onlyish is an ordinary comment
      """)
    #expect(script.statements.map(\.onlyOn) == [nil, .model, .model, .linux, nil])
    #expect(script.sideOnlyLines == [2, 3])
  }

  @Test("a directive's reason is kept without the blanks around it; a comment not starting as one is ordinary")
  func directiveReason() throws {
    let scan = try Lexer.scan("a  #\t model-only:  the why \t\r\nb # kernel-only:x\nc # mode\nd # k\n")
    #expect(scan.directives.map(\.reason) == ["the why", "x"])
    #expect(scan.directives.map(\.side) == [.model, .linux])
  }

  @Test(
    "a directive without a reason, or on a line without a statement, is an error",
    arguments: [
      DiagnosticCase(text: "server listen 0  # model-only", message: "'# model-only' needs a reason", column: 18),
      DiagnosticCase(text: "server listen 0 # kernel-only:   ", message: "'# kernel-only' needs a reason", column: 17),
      DiagnosticCase(
        text: "# model-only: why\nserver listen 0", message: "'# model-only' marks no statement", column: 1),
    ])
  func directiveErrors(_ c: DiagnosticCase) {
    c.expectThrown { _ = try Parser.parse($0) }
  }

  @Test("a kernel-only statement does not run on the model")
  func sessionSkipsOtherSide() {
    var lines: [String] = []
    let source = SourceFile(
      name: "t", text: "server listen 0  # kernel-only: why\nclient c connect @x = -1 ECONNREFUSED")
    let result = ScriptRunner.run(
      source, on: ModelBackend(), output: { lines.append($0) }, report: { Issue.record("\($0.message)") })
    #expect(result.status == .ok)
    #expect(!lines.contains { $0.contains("listen") })
  }

  // MARK: Tolerance

  @Test(
    "the timer wheel's granularity by level (calc_wheel_index: LVL_START(n) = 63 << 3(n-1))",
    arguments: [(1, 1), (62, 1), (63, 8), (250, 8), (503, 8), (504, 64), (4031, 64), (4032, 512)] as [(Int64, Int64)])
  func wheelGranularity(_ jiffies: Int64, _ granularity: Int64) {
    #expect(KernelTolerance.wheelGranularity(jiffies) == granularity)
  }

  @Test("the window: shifted by the measured drift, a jiffy early at most, late by the own timeout's rounding")
  func window() {
    let tolerance = KernelTolerance(hz: 250, slack: 10_000_000)
    // A call that did not sleep, started 3 ms behind the model: 2 ms early, slack late.
    #expect(tolerance.window(modelTime: 0, drift: 3_000_000) == 1_000_000...13_000_000)
    // A 250-jiffy timeout: level 1, 8 jiffies of rounding plus one: 36 ms more, a jiffy early.
    let timedOut = tolerance.window(modelTime: 1_000_000_000, ownTimeout: 250)
    #expect(timedOut == 994_000_000...1_046_000_000)
    // Measured on this machine: the seed's 1 s timeout returned at 1.004 to 1.031 s.
    #expect(timedOut.contains(1_004_000_000) && timedOut.contains(1_031_000_000))
    // A woken call returns when its waker acts: the waker's (larger) drift counts.
    #expect(tolerance.window(modelTime: 200_000_000, drift: 1_000_000, causeDrift: 9_000_000).upperBound == 219_000_000)
    // An `at` expectation on the kernel alone: as if a timeout as long as the time fired.
    #expect(tolerance.window(expected: 1_000_000_000, drift: 0) == timedOut)
  }

  // MARK: Comparison

  struct Call {
    var start: Nanoseconds = 0
    var blocked = false
    var errno: Errno? = nil
    var at: Nanoseconds? = 0
    var timeout: Jiffies? = nil
  }

  static func log(_ calls: [Call]) -> CallLog {
    var log = CallLog()
    for (i, call) in calls.enumerated() {
      let tag = i + 1
      let location = SourceLocation(line: 1, column: 10 * i + 1, offset: 10 * i)
      log.issued(tag: tag, actor: "c\(i)", location: location, word: "connect", name: "connect")
      if call.blocked { log.blocked(tag: tag, startedAt: call.start, timeout: call.timeout ?? MAX_SCHEDULE_TIMEOUT) }
      guard let at = call.at else { continue }
      if call.timeout != nil { log.timedOut(tag: tag) }
      var outcome = SyscallOutcome.success(0)
      if let errno = call.errno {
        outcome.value = -1
        outcome.errno = errno
      }
      log.returned(tag: tag, outcome: outcome, startedAt: call.start, at: at)
    }
    return log
  }

  @Test("runs agree when the kernel is within the window, however far behind its calls started")
  func agree() {
    let comparison = Comparison(tolerance: KernelTolerance(hz: 250))
    let model = Self.log([Call(), Call(blocked: true, errno: .EAGAIN, at: 1_000_000_000, timeout: 250)])
    // 40 ms of drift before the second call started (a loaded machine), then a late timer.
    let kernel = Self.log([
      Call(at: 150_000), Call(start: 40_000_000, blocked: true, errno: .EAGAIN, at: 1_069_000_000),
    ])
    #expect(comparison.divergences(model: model, modelStatus: .ok, kernel: kernel, kernelStatus: .ok).isEmpty)
  }

  @Test("a different errno, a sleep on one side only, a late return and a different exit status are each reported")
  func diverge() {
    let comparison = Comparison(tolerance: KernelTolerance(hz: 250))
    let model = Self.log([Call(), Call(blocked: true, errno: .EAGAIN, at: 1_000_000_000, timeout: 250)])
    let kernel = Self.log([Call(blocked: true, at: 300_000_000), Call(at: 300_100_000)])
    let found = comparison.divergences(model: model, modelStatus: .ok, kernel: kernel, kernelStatus: .blockedForever)
    #expect(found.map(\.aspect) == ["blocking", "time", "result", "blocking", "time", "exit status"])
    #expect(found[2].model == "= -1 EAGAIN" && found[2].kernel == "= 0")
    // The first call's kernel return is after its window, the second's before it.
    #expect(found.filter { $0.aspect == "time" }.map { $0.kernelLateBy != nil } == [true, false])
  }

  @Test("a call on one side only is reported, unless its line is marked")
  func presence() {
    let model = Self.log([Call(), Call()])
    let kernel = Self.log([Call()])
    let strict = Comparison(tolerance: KernelTolerance(hz: 250))
    let found = strict.divergences(model: model, modelStatus: .ok, kernel: kernel, kernelStatus: .ok)
    #expect(found.map(\.aspect) == ["presence"])
    #expect(found.first?.kernel == "not called")
    let marked = Comparison(tolerance: KernelTolerance(hz: 250), sideOnlyLines: [1])
    #expect(marked.divergences(model: model, modelStatus: .ok, kernel: kernel, kernelStatus: .ok).isEmpty)
  }
}
