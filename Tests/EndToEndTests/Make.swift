import Foundation

/// Runs `make` in the package root for the tests of the Makefile's rules.
enum Make {
  /// `make ARGUMENTS`: what it printed on standard output, and its status.
  static func run(_ arguments: [String]) throws -> (output: String, status: Int32) {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
    process.arguments = ["make"] + arguments
    process.currentDirectoryURL = Sockscript.root
    let pipe = Pipe()
    process.standardOutput = pipe
    process.standardError = Pipe()
    try process.run()
    let output = String(decoding: pipe.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
    process.waitUntilExit()
    return (output, process.terminationStatus)
  }
}
