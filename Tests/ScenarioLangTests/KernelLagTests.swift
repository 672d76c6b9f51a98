import SockKernel
import SyscallVocabulary
import Testing

@testable import ScenarioLang

@Suite("verify: a kernel run that fell behind the script's timing")
struct KernelLagTests {
  typealias Call = VerifyTimingTests.Call
  static let ms = VerifyTimingTests.ms

  static func lag(model: [Call], kernel: [Call]) -> KernelLag? {
    Comparison(tolerance: VerifyTimingTests.tolerance).lag(
      model: VerifyTimingTests.log(model), kernel: VerifyTimingTests.log(kernel))
  }

  static func measured(_ entered: Nanoseconds) -> MeasuredTiming {
    let tick = entered - entered % (4 * Self.ms)
    return MeasuredTiming(entered: entered, jiffyStart: tick, lastTick: tick, runDelay: 0)
  }

  /// The model: c0 sleeps from 0 with a 100 ms (25-jiffy) timeout; c1 wakes it at 0.
  static let model = [
    Call(returned: 0, sleep: 25, deadline: 100 * Self.ms), Call(start: 0, returned: 0),
  ]

  @Test("the waker started on the kernel after the sleeper's timeout could have ended: lag, at the waker")
  func wakerTooLate() throws {
    // 140 ms of starting threads between the two: the sleeper timed out first.
    let kernel = [
      Call(returned: 104 * Self.ms, errno: .EAGAIN, sleep: 0, measured: Self.measured(1 * Self.ms)),
      Call(returned: 140 * Self.ms, measured: Self.measured(140 * Self.ms)),
    ]
    let lag = try #require(Self.lag(model: Self.model, kernel: kernel))
    #expect(lag.location.line == 2)
    #expect(lag.behind == 139 * Self.ms)
  }

  @Test("a waker late by less than the sleeper's timeout is no lag")
  func wakerInTime() {
    let kernel = [
      Call(returned: 60 * Self.ms, sleep: 0, measured: Self.measured(1 * Self.ms)),
      Call(returned: 60 * Self.ms, measured: Self.measured(60 * Self.ms)),
    ]
    #expect(Self.lag(model: Self.model, kernel: kernel) == nil)
  }

  @Test("a call the model makes after the sleeper's deadline is no lag, however late")
  func afterTheDeadline() {
    let model = [
      Call(returned: 100 * Self.ms, sleep: 25, timedOut: true, deadline: 100 * Self.ms), Call(start: 100 * Self.ms),
    ]
    let kernel = [
      Call(returned: 104 * Self.ms, sleep: 0, measured: Self.measured(1 * Self.ms)),
      Call(returned: 300 * Self.ms, measured: Self.measured(300 * Self.ms)),
    ]
    #expect(Self.lag(model: model, kernel: kernel) == nil)
  }
}
