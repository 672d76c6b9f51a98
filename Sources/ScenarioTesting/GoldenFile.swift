import Foundation
import ScenarioLang

/// `NAME.out` next to `NAME.sock`: the exact standard output a test must print; or
/// `NAME.err`, its exact standard error.
struct GoldenFile {
  enum Check: Equatable {
    case matches
    case missing
    case differs(GoldenMismatch)
    case unreadable(String)
  }

  let path: String

  /// The golden file of `script` with this extension.
  init(script: String, extension: String = "out") {
    path = (script.hasSuffix(".sock") ? String(script.dropLast(".sock".count)) : script) + "." + `extension`
  }

  /// Compares `output` with the file, byte for byte.
  func check(_ output: [UInt8]) -> Check {
    guard let expected = FileBytes.read(path) else {
      return errno == ENOENT ? .missing : .unreadable(FileBytes.lastError())
    }
    return GoldenMismatch.compare(expected: expected, actual: output).map { .differs($0) } ?? .matches
  }

  /// Replaces the file atomically (a reader never sees half of it); the reason on failure.
  func write(_ output: [UInt8]) -> String? {
    do {
      try Data(output).write(to: URL(fileURLWithPath: path), options: .atomic)
      return nil
    } catch {
      return "\(error.localizedDescription)"
    }
  }
}
