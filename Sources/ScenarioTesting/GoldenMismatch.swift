/// How a run's standard output differs from its golden file.
public struct GoldenMismatch: Sendable, Equatable {
  /// The 1-based line of the golden file where the output first differs (one past its last
  /// line when the output only adds lines).
  public let firstDifferenceLine: Int
  /// The edits from golden lines to output lines.
  public let steps: [DiffStep]
  /// The golden file's lines, each with its newline when it has one.
  public let expected: [ArraySlice<UInt8>]
  /// The output's lines, each with its newline when it has one.
  public let actual: [ArraySlice<UInt8>]

  /// Compares byte for byte; nil when `actual` equals `expected`.
  public static func compare(expected: [UInt8], actual: [UInt8]) -> GoldenMismatch? {
    guard expected != actual else { return nil }
    let old = lines(expected)
    let new = lines(actual)
    let steps = LineDiff.steps(from: old, to: new)
    var kept = 0
    for step in steps {
      guard case .keep = step else { break }
      kept += 1
    }
    return GoldenMismatch(firstDifferenceLine: kept + 1, steps: steps, expected: old, actual: new)
  }

  /// Splits after every newline, so a missing final newline is a difference of the last line.
  static func lines(_ bytes: [UInt8]) -> [ArraySlice<UInt8>] {
    var result: [ArraySlice<UInt8>] = []
    var start = 0
    for (index, byte) in bytes.enumerated() where byte == UInt8(ascii: "\n") {
      result.append(bytes[start...index])
      start = index + 1
    }
    if start < bytes.count { result.append(bytes[start...]) }
    return result
  }
}
