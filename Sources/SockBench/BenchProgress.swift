import ScenarioLang

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// Which scenario is running, on standard error when it is a terminal: a full run takes a
/// minute or two, and its tables only print once a section is done.
struct BenchProgress {
  private let enabled = isatty(STDERR_FILENO) != 0
  let output: BenchOutput

  func say(_ what: String) {
    guard enabled else { return }
    // `\r` and clear-to-end-of-line: each step overwrites the last.
    output.error(TextStyle.eraseLine + "  running \(what)…")
  }

  /// Clears the progress line before a table prints.
  func clear() {
    guard enabled else { return }
    output.error(TextStyle.eraseLine)
  }
}
