import Foundation

/// How figures are written in the tables: short, with a unit a reader sees at a glance.
enum Units {
  /// `850 ns`, `12.3 µs`, `4.56 ms`, `1.02 s`: three significant digits.
  static func time(nanoseconds: Double) -> String {
    switch nanoseconds {
    case ..<1e3: "\(significant(nanoseconds)) ns"
    case ..<1e6: "\(significant(nanoseconds / 1e3)) µs"
    case ..<1e9: "\(significant(nanoseconds / 1e6)) ms"
    default: "\(significant(nanoseconds / 1e9)) s"
    }
  }

  static func time(_ duration: Duration) -> String { time(nanoseconds: duration.nanoseconds) }

  /// `512 B`, `870 B`, `14.2 MiB`, `1.01 GiB`.
  static func bytes(_ count: Double) -> String {
    switch count {
    case ..<1024: "\(Int(count.rounded())) B"
    case ..<1_048_576.0: "\(significant(count / 1024)) KiB"
    case ..<1_073_741_824.0: "\(significant(count / 1_048_576)) MiB"
    default: "\(significant(count / 1_073_741_824)) GiB"
    }
  }

  /// `1k`, `10k`, `1M`, `16384`: round counts the short way, others in full.
  static func count(_ n: Int) -> String {
    if n >= 1_000_000 && n % 1_000_000 == 0 { return "\(n / 1_000_000)M" }
    if n >= 1000 && n % 1000 == 0 { return "\(n / 1000)k" }
    return String(n)
  }

  /// A target's figure without the zeros `significant` keeps: `10 ms`, `1 GiB`, `25×`.
  static func round(_ figure: String) -> String {
    for zeros in [".00", ".0"] {
      if let range = figure.range(of: zeros), figure[range.upperBound...].allSatisfy({ !$0.isNumber }) {
        return figure.replacingCharacters(in: range, with: "")
      }
    }
    return figure
  }

  /// `27.4×`, `0.93×`.
  static func ratio(_ value: Double) -> String { "\(significant(value))×" }

  /// Three significant digits, without an exponent: 1.23, 12.3, 123, 1234.
  static func significant(_ value: Double) -> String {
    guard value.isFinite else { return "-" }
    let decimals = value >= 100 ? 0 : value >= 10 ? 1 : 2
    return fixed(value, decimals: decimals)
  }

  /// `value` with exactly `decimals` digits after the point.
  static func fixed(_ value: Double, decimals: Int) -> String {
    var scale = 1
    for _ in 0..<decimals { scale *= 10 }
    let units = Int((abs(value) * Double(scale)).rounded())
    let sign = value < 0 && units != 0 ? "-" : ""
    guard decimals > 0 else { return sign + String(units) }
    let fraction = String(units % scale)
    return sign + "\(units / scale)." + String(repeating: "0", count: decimals - fraction.count) + fraction
  }
}
