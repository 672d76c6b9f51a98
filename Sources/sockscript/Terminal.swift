import Glibc
import ScenarioLang

/// Standard streams, file reading, and whether to color diagnostics.
enum Terminal {
  static func out(_ line: String) {
    // Straight into stdio's buffer: `print` boxed its argument and took the generic
    // output-stream path, some 1 700 instructions a trace line. `withCString` hands over
    // the string's own bytes; passing the string to `puts` directly made a C array of it.
    _ = line.withCString(puts)
  }

  /// Text as is (no newline added), on standard output, in order with `out`.
  static func put(_ text: String) {
    print(text, terminator: "")
    flush()
  }

  /// Diagnostics go to stderr, after whatever stdout holds so far.
  static func error(_ text: String, newline: Bool = true) {
    flush()
    writeAll(STDERR_FILENO, newline ? text + "\n" : text)
  }

  /// `fflush(NULL)`: every C stream, including the one `print` writes to.
  static func flush() { fflush(nil) }

  private static func writeAll(_ fd: Int32, _ text: String) {
    var bytes = Array(text.utf8)[...]
    while !bytes.isEmpty {
      let n = bytes.withUnsafeBytes { write(fd, $0.baseAddress, $0.count) }
      if n < 0 && errno == EINTR { continue }
      if n <= 0 { return }
      bytes = bytes.dropFirst(n)
    }
  }

  /// Color diagnostics on a terminal whose TERM is not `dumb`, unless `NO_COLOR` is set.
  static var wantsColor: Bool { wantsColor(on: STDERR_FILENO) }

  /// The same rule for another stream, e.g. standard output for `sockscript test`'s report.
  static func wantsColor(on fd: Int32) -> Bool {
    if getenv("NO_COLOR") != nil { return false }
    if let term = getenv("TERM"), String(cString: term) == "dumb" { return false }
    return isatty(fd) != 0
  }

  /// The whole file, or standard input for `-`, up to `limit` bytes; nil when it cannot be read.
  static func read(_ path: String, atMost limit: Int = .max) -> [UInt8]? { FileBytes.read(path, atMost: limit) }

  static func lastError() -> String { String(cString: strerror(errno)) }

  /// A file that could not be read, with the reason as `strerror` gave it when it failed.
  struct ReadError: Error {
    let reason: String
  }

  /// `read`, with the reason taken at once: `errno` is stale by the time a caller that read
  /// several files reports on the first (other calls since may have set it).
  static func readFile(_ path: String, atMost limit: Int = .max) -> Result<[UInt8], ReadError> {
    guard let bytes = read(path, atMost: limit) else { return .failure(ReadError(reason: lastError())) }
    return .success(bytes)
  }
}
