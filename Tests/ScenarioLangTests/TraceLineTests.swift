import Testing

@testable import ScenarioLang

/// A trace line's first two columns: the time (seconds and microseconds) and the thread's
/// name padded to 8 columns, written straight into the string.
@Suite("Trace line columns")
struct TraceLineTests {
  @Test(
    "time: seconds, a point and six digits of microseconds; a sign before a negative one",
    arguments: [
      (0, "0.000000"), (999, "0.000000"), (1_000, "0.000001"), (1_000_000_000, "1.000000"),
      (12_345_678_901, "12.345678"), (-6_000_000, "-0.006000"),
      (Int64.max, "9223372036.854775"), (Int64.min, "-9223372036.854775"),
    ])
  func time(ns: Int64, text: String) {
    #expect(TraceFormatter.time(ns) == text)
  }

  @Test("line: the name padded to 8 columns, counted in characters; a longer name as it is")
  func line() {
    #expect(TraceFormatter.line(1_000, "c1", "close(c1) = 0") == "0.000001 c1       close(c1) = 0")
    #expect(TraceFormatter.line(0, "listener1", "x") == "0.000000 listener1 x")
    #expect(TraceFormatter.line(0, "naïve", "x") == "0.000000 naïve    x")
    #expect(TraceFormatter.line(0, "exactly8", "") == "0.000000 exactly8 ")
  }
}
