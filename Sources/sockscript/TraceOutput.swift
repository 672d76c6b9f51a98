import Glibc
import ScenarioLang

/// Where the trace goes: standard output, or the file of `--output`, opened before any
/// run so that a file that cannot be written is an error before the scenario starts.
final class TraceOutput {
  private let file: UnsafeMutablePointer<FILE>?

  /// Standard output.
  init() { file = nil }

  /// `path`, created or truncated; nil (with `errno` set) when it cannot be opened.
  init?(path: String) {
    guard let opened = fopen(path, "w") else { return nil }
    file = opened
  }

  func write(_ line: String) {
    guard let file else { return Terminal.out(line) }
    _ = line.withCString { fputs($0, file) }
    fputc(0x0A, file)
  }

  /// A line given as its bytes, without the newline but followed by a NUL
  /// (``ScenarioSession/lineSink``): standard output takes it as a C string, as `puts`
  /// writes it, in order with `print`.
  func write(bytes line: UnsafeBufferPointer<UInt8>) {
    guard let file else {
      _ = line.baseAddress.map { $0.withMemoryRebound(to: CChar.self, capacity: line.count + 1, puts) }
      return
    }
    fwrite(line.baseAddress, 1, line.count, file)
    fputc(0x0A, file)
  }

  /// Flushes and closes the file; false when writing it failed (a full disk).
  func close() -> Bool {
    guard let file else { return true }
    let failed = ferror(file) != 0
    return fclose(file) == 0 && !failed
  }
}
