/// A goal from issue 8 for one figure, and whether a measured value meets it.
struct Target: Sendable {
  /// How the target reads in the table: `≥ 25×`, `< 10 ms`.
  let label: String
  private let holds: @Sendable (Double) -> Bool

  /// The model at least `times` faster per operation than the kernel.
  static func modelFaster(atLeast times: Double) -> Target {
    Target(label: "≥ \(Units.round(Units.ratio(times)))") { $0 >= times }
  }

  /// A time under `nanoseconds`.
  static func time(under nanoseconds: Double) -> Target {
    Target(label: "< \(Units.round(Units.time(nanoseconds: nanoseconds)))") { $0 < nanoseconds }
  }

  /// A time of at most `nanoseconds` ("in a second or two").
  static func time(atMost nanoseconds: Double) -> Target {
    Target(label: "≤ \(Units.round(Units.time(nanoseconds: nanoseconds)))") { $0 <= nanoseconds }
  }

  /// Memory under `bytes`.
  static func memory(under bytes: Double) -> Target {
    Target(label: "< \(Units.round(Units.bytes(bytes)))") { $0 < bytes }
  }

  /// `ok` or `MISSED` for a measured value; `n/a` when there is none.
  func verdict(_ value: Double?) -> String {
    guard let value else { return "n/a" }
    return holds(value) ? "ok" : "MISSED"
  }
}
