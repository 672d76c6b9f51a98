import SockKernel
import SyscallVocabulary
import Testing

@testable import ScenarioLang

/// The time comparison with what the kernel backend's threads measure: the kernel's own
/// variations pass, a model that is wrong by one jiffy or by a factor of two does not.
@Suite("verify: times judged by the kernel's jiffies")
struct VerifyTimingTests {
  static let ms: Nanoseconds = 1_000_000
  static let tolerance = KernelTolerance(hz: 250, slack: 10_000_000)

  /// One call as a side logged it; the kernel's carries what its thread measured.
  struct Call {
    var start: Nanoseconds = 0
    var returned: Nanoseconds? = 0
    var errno: Errno? = nil
    /// The timeout that armed its sleep, in jiffies; it slept when set.
    var sleep: Jiffies? = nil
    var timedOut = false
    var deadline: Nanoseconds? = nil
    var measured: MeasuredTiming? = nil
  }

  static func log(_ calls: [Call]) -> CallLog {
    var log = CallLog()
    var timings: [Int: MeasuredTiming] = [:]
    for (i, call) in calls.enumerated() {
      let tag = i + 1
      log.issued(
        tag: tag, actor: "c\(i)", location: SourceLocation(line: i + 1, column: 3, offset: 100 * i), word: "connect",
        name: "connect")
      if let sleep = call.sleep {
        log.blocked(tag: tag, startedAt: call.start, timeout: sleep, deadline: call.deadline)
      }
      if call.timedOut { log.timedOut(tag: tag) }
      if let returned = call.returned {
        var outcome = SyscallOutcome.success(0)
        if let errno = call.errno {
          outcome.value = -1
          outcome.errno = errno
        }
        log.returned(tag: tag, outcome: outcome, startedAt: call.start, at: returned)
      }
      timings[tag] = call.measured
    }
    log.attach(timings)
    return log
  }

  static func times(model: [Call], kernel: [Call], tolerance: KernelTolerance = tolerance) -> [Divergence] {
    Comparison(tolerance: tolerance).divergences(
      model: log(model), modelStatus: .ok, kernel: log(kernel), kernelStatus: .ok
    ).filter { $0.aspect == "time" }
  }

  /// The model's SO_SNDTIMEO connect of `jiffies`, started at 0 and timed out.
  static func modelTimeout(_ jiffies: Jiffies) -> Call {
    Call(returned: jiffies * 4 * Self.ms, errno: .EAGAIN, sleep: jiffies, timedOut: true)
  }

  /// The kernel's: the thread entered at `entered` in the jiffy that began at `jiffyStart`.
  static func kernelTimeout(
    entered: Nanoseconds = 1 * Self.ms, jiffyStart: Nanoseconds = 0, returned: Nanoseconds, runDelay: Nanoseconds = 0
  ) -> Call {
    let lastTick = entered - entered % (4 * Self.ms)
    return Call(
      start: entered - 50_000, returned: returned, errno: .EAGAIN, sleep: 0,
      measured: MeasuredTiming(entered: entered, jiffyStart: jiffyStart, lastTick: lastTick, runDelay: runDelay))
  }

  // MARK: The kernel's own variations

  @Test(
    "a 10 ms timeout (3 jiffies) passes at the tick, a tick late, after a long wait for a CPU, and with stale jiffies")
  func kernelVariationsPass() {
    let model = [Self.modelTimeout(3)]
    // calc_index: jiffy 0 + 3 + 1 -> the tick at 16 ms.
    #expect(Self.times(model: model, kernel: [Self.kernelTimeout(returned: 16_100_000)]).isEmpty)
    // The timer's CPU ran its tick before jiffies moved: the next tick.
    #expect(Self.times(model: model, kernel: [Self.kernelTimeout(returned: 20_100_000)]).isEmpty)
    // Woken on time, then 25 ms on a run queue behind other work.
    #expect(
      Self.times(model: model, kernel: [Self.kernelTimeout(returned: 41_100_000, runDelay: 25 * Self.ms)]).isEmpty)
    // The case: entered at 2 ms, returned at 6.7 ms, below the old 8.0 ms floor,
    // because jiffies still counted the jiffy of -12 ms (a stalled timekeeping CPU).
    #expect(
      Self.times(
        model: model, kernel: [Self.kernelTimeout(entered: 2 * Self.ms, jiffyStart: -12 * Self.ms, returned: 6_700_000)]
      ).isEmpty)
  }

  @Test("before Linux 4.8 the wheel fired a timeout at its expiry's tick, a jiffy sooner, and that passes there")
  func oldWheel() {
    var old = Self.tolerance
    old.roundsExpiryUp = false
    let kernel = [Self.kernelTimeout(returned: 12_100_000)]
    #expect(Self.times(model: [Self.modelTimeout(3)], kernel: kernel, tolerance: old).isEmpty)
    #expect(Self.times(model: [Self.modelTimeout(3)], kernel: kernel).count == 1)
  }

  @Test("a 1 s timeout (250 jiffies, wheel level 1) passes anywhere in its bucket's 8 jiffies")
  func wheelLevelOnePasses() {
    let model = [Self.modelTimeout(250)]
    for bucket in Int64(251)...258 {
      let kernel = [Self.kernelTimeout(returned: bucket * 4 * Self.ms + 100_000)]
      #expect(Self.times(model: model, kernel: kernel).isEmpty, "bucket at jiffy \(bucket)")
    }
  }

  @Test("the issue's poll: returned 10.7 ms after the driver handed it over, all of it waiting for a CPU")
  func handOffAndRunDelayPass() {
    let model = [Call()]
    let measured = MeasuredTiming(entered: 1_600_000, jiffyStart: 0, lastTick: 0, runDelay: 10_500_000)
    let kernel = [Call(start: 1_500_000, returned: 12_200_000, measured: measured)]
    #expect(Self.times(model: model, kernel: kernel).isEmpty)
    // By the driver's start time alone, as before: 11.5 ms allowed.
    var unmeasured = kernel
    unmeasured[0].measured = nil
    #expect(Self.times(model: model, kernel: unmeasured).count == 1)
  }

  @Test("a woken call may return as late as its waker acted, and its own wait for a CPU, not later")
  func wokenCalls() {
    // The model: c0 sleeps at 0, c1 wakes it at 5 ms.
    let model = [
      Call(returned: 5 * Self.ms, sleep: MAX_SCHEDULE_TIMEOUT), Call(start: 5 * Self.ms, returned: 5 * Self.ms),
    ]
    func kernel(sleeperReturned: Nanoseconds, sleeperRunDelay: Nanoseconds) -> [Call] {
      [
        Call(
          returned: sleeperReturned, sleep: 0,
          measured: MeasuredTiming(entered: 200_000, jiffyStart: 0, lastTick: 0, runDelay: sleeperRunDelay)),
        Call(
          start: 5 * Self.ms, returned: 30_100_000,
          measured: MeasuredTiming(entered: 30 * Self.ms, jiffyStart: 28 * Self.ms, lastTick: 28 * Self.ms, runDelay: 0)
        ),
      ]
    }
    #expect(Self.times(model: model, kernel: kernel(sleeperReturned: 30_200_000, sleeperRunDelay: 0)).isEmpty)
    #expect(
      Self.times(model: model, kernel: kernel(sleeperReturned: 50 * Self.ms, sleeperRunDelay: 15 * Self.ms)).isEmpty)
    #expect(Self.times(model: model, kernel: kernel(sleeperReturned: 50 * Self.ms, sleeperRunDelay: 0)).count == 1)
  }

  // MARK: A wrong model is caught

  @Test(
    "a timeout modelled one jiffy long, or twice as long, is caught when the kernel fired on its tick",
    arguments: [(3, 4), (3, 6), (25, 26), (25, 50), (250, 251), (250, 500)] as [(Jiffies, Jiffies)])
  func tooLongIsCaught(_ kernelJiffies: Jiffies, _ modelled: Jiffies) {
    let kernel = [Self.kernelTimeout(returned: (kernelJiffies + 1) * 4 * Self.ms + 100_000)]
    let found = Self.times(model: [Self.modelTimeout(modelled)], kernel: kernel)
    #expect(found.count == 1)
    // The right model passes the same kernel run.
    #expect(Self.times(model: [Self.modelTimeout(kernelJiffies)], kernel: kernel).isEmpty)
  }

  @Test(
    "a timeout modelled half as long is caught, even when the kernel fired a tick late",
    arguments: [(25, 12), (50, 25), (250, 125)] as [(Jiffies, Jiffies)])
  func tooShortIsCaught(_ kernelJiffies: Jiffies, _ modelled: Jiffies) {
    let kernel = [Self.kernelTimeout(returned: (kernelJiffies + 2) * 4 * Self.ms + 100_000)]
    #expect(Self.times(model: [Self.modelTimeout(modelled)], kernel: kernel).count == 1)
    #expect(Self.times(model: [Self.modelTimeout(kernelJiffies)], kernel: kernel).isEmpty)
  }

  // MARK: Where jiffies stands

  @Test("the jiffy jiffies counts at entry: the last tick's once the coarse clock moved for it, else an earlier one")
  func jiffyStart() {
    let j: Int64 = 4_000_000
    let tick: Int64 = 1_000 * j
    // The tick's update set the coarse clock a little before the tick (its own phase).
    #expect(KernelJiffies.jiffyStart(entered: tick + 1_500_000, coarse: tick - 88_000, jiffy: j) == tick)
    // An update mid-jiffy (a CPU leaving idle) set it after the tick.
    #expect(KernelJiffies.jiffyStart(entered: tick + 3_000_000, coarse: tick + 1_000_000, jiffy: j) == tick)
    // No update for the tick yet: jiffies counts at most the jiffy before, at least the coarse time's.
    #expect(KernelJiffies.jiffyStart(entered: tick + 10_000, coarse: tick - j - 88_000, jiffy: j) == tick - 2 * j)
    // A stalled timekeeping CPU: three ticks without an update.
    #expect(KernelJiffies.jiffyStart(entered: tick + 2 * j, coarse: tick - j + 500_000, jiffy: j) == tick - j)
    #expect(KernelJiffies.lastTick(atOrBefore: -1, jiffy: j) == -j)
    // Ticks of unknown phase: the one the coarse clock was set for was less than a jiffy before it.
    #expect(KernelJiffies.unalignedJiffyStart(coarse: tick + 1_234_000, jiffy: j) == tick + 1_234_000 - j)
  }
}
