import Foundation

/// Runs the examples of one page, in order, in one scratch directory, the way a reader would
/// type them into a shell: `sockscript` is the binary under test, the repository's `samples/`
/// is there (copied) for examples that name a sample, and files a page builds up (scripts,
/// golden files) stay for the page's later examples.
final class DocExampleRunner {
  /// A command whose output or exit status is not what the page shows.
  struct Failure {
    let line: Int
    let report: String
  }

  let page: String
  let directory: URL
  private let binDirectory: URL
  /// The exit status of the previous command, for an example's `echo $?`.
  private var previousStatus: Int32 = 0

  /// A runner for `page` (its path relative to the repository root, for the reports).
  init(page: String) throws {
    self.page = page
    directory = try Sockscript.temporaryDirectory()
    binDirectory = directory.appendingPathComponent(".bin")
    let files = FileManager.default
    try files.createDirectory(at: binDirectory, withIntermediateDirectories: true)
    try files.createSymbolicLink(
      at: binDirectory.appendingPathComponent("sockscript"), withDestinationURL: URL(fileURLWithPath: Sockscript.binary)
    )
    // A copy, not a link: an example such as `test --update samples/` must not write into the
    // repository.
    try files.copyItem(
      at: Sockscript.root.appendingPathComponent("samples"), to: directory.appendingPathComponent("samples"))
  }

  deinit { try? FileManager.default.removeItem(at: directory) }

  /// Runs the commands of `example` and returns those that did not do what the page shows.
  func run(_ example: DocExample) throws -> [Failure] {
    var failures: [Failure] = []
    for command in example.commands {
      if try createShownFile(command) { continue }
      let expectedStatus = command.runsSockscript ? example.expectedStatus : 0
      let (output, status) = try shell(command.text)
      previousStatus = status
      let actual = Self.lines(output)
      let diff = ElidedDiff(expected: command.expectedOutput, actual: actual)
      guard !diff.matches || status != expectedStatus else { continue }
      var report = "\(page):\(command.line): $ \(command.text)"
      if status != expectedStatus {
        report += "\n  exit status \(status), expected \(expectedStatus)"
        if expectedStatus == 0 { report += " (mark the block <!-- example: exit \(status) --> if that is right)" }
      }
      if !diff.matches {
        report += "\n  output differs (- the page, + the actual output):\n"
        report += diff.rendered(expectedLine: command.outputLine).split(
          separator: "\n", omittingEmptySubsequences: false
        )
        .map { "    " + $0 }.joined(separator: "\n")
      }
      failures.append(Failure(line: command.line, report: report))
    }
    return failures
  }

  /// `$ cat FILE` of a file that does not exist yet shows the file the example starts from:
  /// write it. (Once it exists, `cat` is an ordinary command whose output is compared.)
  private func createShownFile(_ command: DocExample.Command) throws -> Bool {
    let words = command.text.split(separator: " ")
    guard words.count == 2, words[0] == "cat", !command.text.contains("\n") else { return false }
    let relative = String(words[1])
    guard !relative.hasPrefix("/"), !relative.split(separator: "/").contains(".."), !relative.hasPrefix("samples/")
    else { return false }
    let file = directory.appendingPathComponent(relative)
    guard !FileManager.default.fileExists(atPath: file.path) else { return false }
    try FileManager.default.createDirectory(
      at: file.deletingLastPathComponent(), withIntermediateDirectories: true)
    try Data(command.expectedOutput.map { $0 + "\n" }.joined().utf8).write(to: file)
    previousStatus = 0
    return true
  }

  /// Runs `text` with `sh -c` in the scratch directory; standard output and standard error
  /// go to one pipe, so they interleave as on a terminal. `timeout` ends a hung example.
  private func shell(_ text: String) throws -> (output: String, status: Int32) {
    let process = Process()
    let timeout = "/usr/bin/timeout"
    let script = "(exit \(previousStatus)); \(text)"
    if FileManager.default.isExecutableFile(atPath: timeout) {
      process.executableURL = URL(fileURLWithPath: timeout)
      process.arguments = ["120", "/bin/sh", "-c", script]
    } else {
      process.executableURL = URL(fileURLWithPath: "/bin/sh")
      process.arguments = ["-c", script]
    }
    process.currentDirectoryURL = directory
    var environment = ProcessInfo.processInfo.environment
    environment["PATH"] = binDirectory.path + ":" + (environment["PATH"] ?? "/usr/bin:/bin")
    environment["NO_COLOR"] = "1"
    environment["SOCKSCRIPT_HISTORY"] = ""
    process.environment = environment
    let pipe = Pipe()
    process.standardOutput = pipe
    process.standardError = pipe
    process.standardInput = FileHandle.nullDevice
    try process.run()
    let data = pipe.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    return (String(decoding: data, as: UTF8.self), process.terminationStatus)
  }

  /// The lines of `output`, without the newline that ends the last one.
  static func lines(_ output: String) -> [String] {
    var lines = output.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
    if lines.last == "" { lines.removeLast() }
    return lines
  }
}
