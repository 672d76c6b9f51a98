import ArgumentParser

/// The `sockscript` command: subcommands for running scenarios.
struct SockScript: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "sockscript",
    abstract: "Run AF_UNIX socket scenarios against a deterministic model of the Linux kernel.",
    // One line per paragraph: the argument parser wraps it to the terminal. Examples and
    // table rows stay under 80 columns, so that they are never split (EndToEndTests/HelpTests).
    discussion: """
      A scenario names sockets and what they do; sockscript runs it against SockKernel, a model of Linux 6.18's AF_UNIX layer with virtual time, and prints every call like strace:

        sockscript run -e 'server listen 0; client c sndtimeo 1s connect; c connect'

      The second connect blocks on the full backlog and fails with EAGAIN at virtual time 1.000000, after a few milliseconds of real time. See docs/language.md for the language.

      With --backend linux, 'sockscript run' runs a script on this machine's real sockets, and 'sockscript verify' runs it on both and compares them call by call (docs/verify.md).

      Scripts kept as tests, with their expected output in NAME.out next to NAME.sock, run in parallel with a pass/fail report (docs/testing.md):

        sockscript test samples/

      The benchmark, 'sockscript bench', times the model against this machine's kernel, scenario by scenario (docs/performance.md).

      Shell completion: 'sockscript --generate-completion-script bash' (or zsh, or fish) prints a completion script for that shell; 'make install' installs all three, and the man page sockscript(1).

      EXIT STATUS
        0   the scenario ran and every expectation held
        1   an inline expectation (= RESULT) did not hold
        2   the scenario blocks forever (every task asleep, no timer pending)
        3   the process was killed by a signal (SIGPIPE from a stream send)
        64  bad command-line usage
        65  the script is wrong (syntax, unknown name, misuse)
        70  internal error
        74  a script file could not be read
      """,
    version: "sockscript 0.1.0",
    subcommands: [Run.self, Test.self, Verify.self, Repl.self, Bench.self]
  )

  /// No subcommand: the REPL on a terminal, the help otherwise.
  func run() throws {
    guard isatty(STDIN_FILENO) != 0 && isatty(STDOUT_FILENO) != 0 else { throw CleanExit.helpRequest(self) }
    try Repl.parse([]).run()
  }
}
