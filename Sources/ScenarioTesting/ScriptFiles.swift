import ScenarioLang

/// The scripts and golden files the runner reads, with the reason of a failure as
/// `strerror` gives it (the executable's terminal layer reads the scripts it runs itself).
package enum ScriptFiles {
  /// The whole file; nil (with `errno` set) when it cannot be read.
  package static func read(_ path: String) -> [UInt8]? { FileBytes.read(path) }

  package static func lastError() -> String { FileBytes.lastError() }
}
