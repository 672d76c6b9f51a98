import ScenarioLang
import Testing

@testable import ScenarioTesting

@Suite("Real-time durations of test limits")
struct RealDurationTests {
  @Test(
    "parse",
    arguments: [
      ("500ms", 500_000_000), ("10s", 10_000_000_000), ("1.5s", 1_500_000_000), ("2m", 120_000_000_000),
      ("0.001s", 1_000_000), ("1.25ms", 1_250_000),
    ] as [(String, Int64)])
  func parses(_ text: String, _ nanoseconds: Int64) {
    #expect(RealDuration.parse(text) == .nanoseconds(nanoseconds))
  }

  @Test("reject", arguments: ["soon", "10", "0s", "-1s", "1.s", ".5s", "1h", "1.0000000001s", "s", "99999999999999m"])
  func rejects(_ text: String) {
    #expect(RealDuration.parse(text) == nil)
  }

  @Test("format picks the shortest exact unit")
  func formats() {
    #expect(RealDuration.format(.seconds(60)) == "1m")
    #expect(RealDuration.format(.seconds(90)) == "90s")
    #expect(RealDuration.format(.milliseconds(250)) == "250ms")
    #expect(RealDuration.format(.nanoseconds(1_000_500_000)) == "1.0005s")
  }
}
