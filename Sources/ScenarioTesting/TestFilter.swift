/// `--filter PATTERN`: a regular expression searched for in each test's path; a pattern
/// that is not a valid regex (say `a[b`) is taken as a plain substring instead.
struct TestFilter {
  private let pattern: String
  private let regex: Regex<AnyRegexOutput>?

  init(_ pattern: String) {
    self.pattern = pattern
    regex = try? Regex(pattern)
  }

  func matches(_ path: String) -> Bool {
    if let regex { return path.contains(regex) }
    return path.contains(pattern)
  }
}
