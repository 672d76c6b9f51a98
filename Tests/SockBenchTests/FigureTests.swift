import Testing

@testable import SockBench

/// How the benchmark writes its figures and tables: what a reader compares across runs.
@Suite("Benchmark figures and tables")
struct FigureTests {
  @Test func timesKeepThreeSignificantDigitsInTheirUnit() {
    #expect(Units.time(nanoseconds: 850) == "850 ns")
    #expect(Units.time(nanoseconds: 12_345) == "12.3 µs")
    #expect(Units.time(nanoseconds: 4_561_000) == "4.56 ms")
    #expect(Units.time(nanoseconds: 1_020_000_000) == "1.02 s")
  }

  @Test func bytesCountInBinaryUnits() {
    #expect(Units.bytes(870) == "870 B")
    #expect(Units.bytes(14.2 * 1_048_576) == "14.2 MiB")
  }

  @Test func roundCountsAreShort() {
    #expect(Units.count(1000) == "1k")
    #expect(Units.count(1_000_000) == "1M")
    #expect(Units.count(16384) == "16384")
  }

  @Test func aTargetLosesItsTrailingZeros() {
    #expect(Units.round("10.0 ms") == "10 ms")
    #expect(Units.round("1.00 GiB") == "1 GiB")
    #expect(Units.round("2.50 ms") == "2.50 ms")
  }

  @Test func fixedDecimalsNeverShowMinusZero() {
    #expect(Units.fixed(-0.0001, decimals: 2) == "0.00")
    #expect(Units.fixed(-1.5, decimals: 1) == "-1.5")
    #expect(Units.significant(.infinity) == "-")
  }

  @Test func tablesAlignTextLeftAndFiguresRight() {
    var table = TextTable(["scenario", "model"])
    table.add(["cycle", "1.2 µs"])
    table.add(["seed", "850 ns"])
    #expect(table.render().hasPrefix("scenario   model\n--------  ------\ncycle     1.2 µs\nseed      850 ns"))
  }
}
