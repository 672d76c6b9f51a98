import ScenarioLang

/// The files under /proc the benchmark reads (the machine, a child's memory, a sysctl).
enum ProcFile {
  /// The whole file; nil when it cannot be read.
  static func read(_ path: String) -> [UInt8]? { FileBytes.read(path) }
}
