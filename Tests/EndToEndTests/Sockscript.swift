import Foundation

/// The `sockscript` binary built with these tests (or `$SOCKSCRIPT_BIN`), run with
/// NO_COLOR so that its output can be compared as text.
enum Sockscript {
  static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
    .deletingLastPathComponent()

  /// `$SOCKSCRIPT_BIN`, or the binary next to this test bundle: the test target depends on
  /// the executable, so `swift build --build-tests` puts both in one products directory,
  /// whichever configuration or `--scratch-path` built them.
  static var binary: String {
    ProcessInfo.processInfo.environment["SOCKSCRIPT_BIN"] ?? productsDirectory.appendingPathComponent("sockscript").path
  }

  /// Where the build put this test bundle and its products (as swift-argument-parser's
  /// test helpers find theirs): on macOS the `.xctest` bundle's directory, elsewhere the
  /// directory of the test runner itself.
  static var productsDirectory: URL {
    #if os(macOS)
      for bundle in Bundle.allBundles where bundle.bundlePath.hasSuffix(".xctest") {
        return bundle.bundleURL.deletingLastPathComponent()
      }
      fatalError("no .xctest bundle loaded")
    #else
      return Bundle.main.bundleURL
    #endif
  }

  struct Run {
    let stdout: String
    let stderr: String
    let status: Int32

    /// The last line of standard output, without its newline.
    var lastLine: String {
      stdout.split(separator: "\n", omittingEmptySubsequences: false).dropLast().last.map(String.init) ?? ""
    }
  }

  /// Runs the binary in `directory` (default: the package root) with `environment` added
  /// and the variables in `unset` removed (`NO_COLOR` among them lets it look at its streams).
  static func run(
    _ arguments: [String], stdin: String? = nil, environment extra: [String: String] = [:], in directory: URL? = nil,
    unset: [String] = []
  ) throws -> Run {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: binary)
    process.arguments = arguments
    process.currentDirectoryURL = directory ?? root
    var environment = ProcessInfo.processInfo.environment
    environment["NO_COLOR"] = "1"
    environment.merge(extra) { $1 }
    for name in unset { environment[name] = nil }
    process.environment = environment
    let out = Pipe()
    let err = Pipe()
    let input = Pipe()
    process.standardOutput = out
    process.standardError = err
    process.standardInput = input
    try process.run()
    if let stdin { input.fileHandleForWriting.write(Data(stdin.utf8)) }
    try input.fileHandleForWriting.close()
    // Standard error is read on another thread so that neither pipe can fill up and stall.
    let stderrData = LockedData()
    let reader = Thread { stderrData.set(err.fileHandleForReading.readDataToEndOfFile()) }
    reader.start()
    let stdoutData = out.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    return Run(
      stdout: String(decoding: stdoutData, as: UTF8.self), stderr: String(decoding: stderrData.get(), as: UTF8.self),
      status: process.terminationStatus)
  }

  /// A fresh directory under the system's temporary directory.
  static func temporaryDirectory() throws -> URL {
    let url = FileManager.default.temporaryDirectory.appendingPathComponent("sockscript-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    return url
  }
}

/// Data handed from a reader thread, waiting until it has arrived.
private final class LockedData: @unchecked Sendable {
  private let condition = NSCondition()
  private var data: Data?

  func set(_ value: Data) {
    condition.lock()
    data = value
    condition.broadcast()
    condition.unlock()
  }

  func get() -> Data {
    condition.lock()
    defer { condition.unlock() }
    while data == nil { condition.wait() }
    return data!
  }
}
