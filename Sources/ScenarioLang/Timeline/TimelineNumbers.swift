import SyscallVocabulary

/// Numbers as the timeline files write them: exact decimals from integers, never a
/// Double's shortest form or exponent, so that the same run gives the same bytes.
enum TimelineNumbers {
  /// `value / 10^digits` as an exact decimal without trailing zeros: `1000000.05`, `0`, `-2.5`.
  static func decimal(_ value: Int64, digits: Int) -> String {
    var unit: UInt64 = 1
    for _ in 0..<digits { unit *= 10 }
    let magnitude = value.magnitude
    var text = (value < 0 ? "-" : "") + String(magnitude / unit)
    var fraction = magnitude % unit
    guard fraction != 0 else { return text }
    var width = digits
    while fraction % 10 == 0 {
      fraction /= 10
      width -= 1
    }
    text += "." + String(fraction).leftPad(width)
    return text
  }

  /// Nanoseconds as microseconds, the trace-event format's unit: `1000000.05`.
  static func micros(_ ns: Nanoseconds) -> String { decimal(ns, digits: 3) }

  /// The step of an axis over `span` nanoseconds: 1, 2 or 5 × 10^k ns, the smallest that
  /// gives at most 10 ticks from 0 (so at least 5, as the next smaller step gives 11 or more).
  static func tickStep(span: Nanoseconds) -> Nanoseconds {
    var scale: Nanoseconds = 1
    while true {
      for multiple: Nanoseconds in [1, 2, 5] {
        let step = multiple * scale
        if span / step + 1 <= 10 { return step }
      }
      scale *= 10
    }
  }

  /// An axis label: `0`, `20us`, `250ms`, `1s`, `1.5s`, in the largest unit not above it.
  static func label(_ ns: Nanoseconds) -> String {
    if ns == 0 { return "0" }
    let units: [(Nanoseconds, Int, String)] = [(1_000_000_000, 9, "s"), (1_000_000, 6, "ms"), (1_000, 3, "us")]
    for (size, digits, name) in units where ns.magnitude >= size.magnitude {
      return decimal(ns, digits: digits) + name
    }
    return "\(ns)ns"
  }
}
