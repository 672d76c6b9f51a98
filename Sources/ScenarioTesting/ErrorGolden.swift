/// `NAME.err`: when it exists, the exact standard error a test must print — for tests of
/// diagnostics, such as the bad-input corpus (Tests/BadInput). It is never created by
/// `--update` (most tests' diagnostics are not the point of the test), only rewritten:
/// create an empty one to start checking a test's standard error.
///
/// Diagnostics name the script by the path the runner ran it under, which depends on where
/// `sockscript test` was started; in `NAME.err` it is named by its file name alone.
enum ErrorGolden {
  /// What comparing a run's standard error with `NAME.err` found.
  struct Check {
    var problem: TestProblem?
    var change: GoldenChange?
  }

  static func check(_ stderr: [UInt8], of script: String, update: Bool) -> Check {
    let golden = GoldenFile(script: script, extension: "err")
    let actual = normalized(stderr, script: script)
    switch golden.check(actual) {
    case .matches, .missing:
      return Check()
    case .unreadable(let reason):
      return Check(problem: .unusable(summary: "cannot read \(golden.path): \(reason)", details: ""))
    case .differs where update:
      if let failure = golden.write(actual) {
        return Check(problem: .unusable(summary: "cannot write \(golden.path): \(failure)", details: ""))
      }
      return Check(change: GoldenChange(path: golden.path, created: false))
    case .differs(let mismatch):
      return Check(problem: .errorOutput(golden: golden.path, script: script, mismatch: mismatch))
    }
  }

  /// `stderr` with every line that starts with `PATH:` starting with `FILENAME:` instead.
  static func normalized(_ stderr: [UInt8], script: String) -> [UInt8] {
    let name = script.split(separator: "/").last.map(String.init) ?? script
    let prefix = Array((script + ":").utf8)
    guard name != script else { return stderr }
    var result: [UInt8] = []
    result.reserveCapacity(stderr.count)
    var lineStart = true
    var index = 0
    while index < stderr.count {
      if lineStart && stderr[index...].starts(with: prefix) {
        result += Array((name + ":").utf8)
        index += prefix.count
      }
      lineStart = false
      guard index < stderr.count else { break }
      let byte = stderr[index]
      result.append(byte)
      lineStart = byte == UInt8(ascii: "\n")
      index += 1
    }
    return result
  }
}
