#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// Which scenario is running, on standard error when it is a terminal: a full run takes a
/// minute or two, and its tables only print once a section is done.
struct BenchProgress {
  private let enabled = isatty(STDERR_FILENO) != 0

  func say(_ what: String) {
    guard enabled else { return }
    // `\r` and clear-to-end-of-line: each step overwrites the last.
    Terminal.error("\r\u{1B}[K  running \(what)…", newline: false)
  }

  /// Clears the progress line before a table prints.
  func clear() {
    guard enabled else { return }
    Terminal.error("\r\u{1B}[K", newline: false)
  }
}
