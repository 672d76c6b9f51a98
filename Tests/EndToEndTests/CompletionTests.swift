import Foundation
import Testing

/// The bash completion that `sockscript --generate-completion-script bash` prints completes
/// what each argument takes: file names for FILE and PATH, the names of --only.
@Suite("shell completion")
struct CompletionTests {
  @Test(
    "bash completes the last word of the line",
    arguments: [
      ("sockscript run sa", ["samples"]), ("sockscript run samples/seed/seed-l", ["samples/seed/seed-line.sock"]),
      ("sockscript test samples/see", ["samples/seed"]), ("sockscript verify samples/see", ["samples/seed"]),
      ("sockscript test --junit Makef", ["Makefile"]), ("sockscript bench --only gro", ["growth"]),
      ("sockscript run --backend l", ["linux"]),
    ])
  func bash(_ line: String, _ expected: [String]) throws {
    let directory = try Sockscript.temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: directory) }
    let script = directory.appendingPathComponent("sockscript.bash")
    try Sockscript.run(["--generate-completion-script", "bash"]).stdout.write(
      to: script, atomically: true, encoding: .utf8)
    #expect(try complete(line, with: script.path) == expected)
  }

  /// What bash offers for the last word of `line`, in the package root, with the
  /// completion script at `path` loaded: the function `complete -F` would call, called as
  /// bash calls it.
  func complete(_ line: String, with path: String) throws -> [String] {
    let driver = """
      source "$1"
      COMP_LINE="$2"; COMP_POINT=${#COMP_LINE}; read -ra COMP_WORDS <<< "$COMP_LINE"
      COMP_CWORD=$((${#COMP_WORDS[@]} - 1)); COMPREPLY=()
      _sockscript sockscript "${COMP_WORDS[COMP_CWORD]}" "${COMP_WORDS[COMP_CWORD-1]}"
      printf '%s\\n' "${COMPREPLY[@]}"
      """
    let process = Process()
    process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
    process.arguments = ["bash", "-c", driver, "bash", path, line]
    process.currentDirectoryURL = Sockscript.root
    let pipe = Pipe()
    process.standardOutput = pipe
    try process.run()
    let output = String(decoding: pipe.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
    process.waitUntilExit()
    #expect(process.terminationStatus == 0)
    return output.split(separator: "\n").map(String.init)
  }
}
