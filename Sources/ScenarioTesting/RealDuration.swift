/// Real-time durations as the test runner writes them (`500ms`, `10s`, `1.5s`, `2m`): a
/// test's time limit is wall-clock time, unlike the virtual time of a script.
public enum RealDuration {
  /// Parses `NUMBER UNIT` with UNIT `ms`, `s` or `m`; nil unless it is a positive duration.
  public static func parse(_ text: some StringProtocol) -> Duration? {
    let units: [(suffix: String, nanoseconds: Int64)] = [
      ("ms", 1_000_000), ("s", 1_000_000_000), ("m", 60_000_000_000),
    ]
    for unit in units where text.hasSuffix(unit.suffix) {
      let number = text.dropLast(unit.suffix.count)
      guard let nanoseconds = scaled(number, by: unit.nanoseconds), nanoseconds > 0 else { return nil }
      return .nanoseconds(nanoseconds)
    }
    return nil
  }

  /// `digits[.digits]` times `scale`, exactly; nil when malformed, finer than 1 ns, or too big.
  private static func scaled(_ number: some StringProtocol, by scale: Int64) -> Int64? {
    let parts = number.split(separator: ".", maxSplits: 1, omittingEmptySubsequences: false)
    guard let whole = parts.first, !whole.isEmpty, whole.allSatisfy(\.isASCIIDigit) else { return nil }
    guard let units = Int64(whole) else { return nil }
    var (total, overflow) = units.multipliedReportingOverflow(by: scale)
    guard !overflow else { return nil }
    if parts.count == 2 {
      // At most 9 fraction digits: a nanosecond is the finest a limit can be.
      let fraction = parts[1]
      guard !fraction.isEmpty, fraction.count <= 9, fraction.allSatisfy(\.isASCIIDigit) else { return nil }
      var denominator: Int64 = 1
      for _ in fraction { denominator *= 10 }
      let (product, productOverflow) = Int64(fraction)!.multipliedReportingOverflow(by: scale)
      guard !productOverflow, product % denominator == 0 else { return nil }
      (total, overflow) = total.addingReportingOverflow(product / denominator)
      guard !overflow else { return nil }
    }
    return total
  }

  /// The shortest of `N m`, `N s` or `N ms` that is exact, else seconds with a fraction.
  public static func format(_ duration: Duration) -> String {
    let nanoseconds = duration.components.seconds * 1_000_000_000 + duration.components.attoseconds / 1_000_000_000
    if nanoseconds % 60_000_000_000 == 0 && nanoseconds >= 60_000_000_000 { return "\(nanoseconds / 60_000_000_000)m" }
    if nanoseconds % 1_000_000_000 == 0 { return "\(nanoseconds / 1_000_000_000)s" }
    if nanoseconds % 1_000_000 == 0 { return "\(nanoseconds / 1_000_000)ms" }
    var fraction = String(nanoseconds % 1_000_000_000)
    fraction = String(repeating: "0", count: 9 - fraction.count) + fraction
    while fraction.hasSuffix("0") { fraction.removeLast() }
    return "\(nanoseconds / 1_000_000_000).\(fraction)s"
  }
}

extension Character {
  fileprivate var isASCIIDigit: Bool { isASCII && isNumber }
}
