import Foundation
import ScenarioLang

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// What the figures were measured on, for the header of the report.
enum Machine {
  /// `AMD EPYC, 2 cores, Linux 6.18.44`.
  static var summary: String {
    "\(cpu), \(ProcessInfo.processInfo.activeProcessorCount) cores, Linux \(kernelRelease)"
  }

  /// The first `model name` of /proc/cpuinfo.
  static var cpu: String {
    let text = FileBytes.read("/proc/cpuinfo").map { String(decoding: $0, as: UTF8.self) } ?? ""
    for line in text.split(separator: "\n") where line.hasPrefix("model name") {
      if let colon = line.firstIndex(of: ":") {
        return line[line.index(after: colon)...].trimmingCharacters(in: .whitespaces)
      }
    }
    return "unknown CPU"
  }

  /// `uname -r`.
  static var kernelRelease: String {
    var name = utsname()
    uname(&name)
    return withUnsafeBytes(of: &name.release) { String(decoding: $0.prefix { $0 != 0 }, as: UTF8.self) }
  }

  /// Whether this binary is a debug build, whose figures say little about the model.
  static var isDebugBuild: Bool {
    #if DEBUG
      return true
    #else
      return false
    #endif
  }
}
