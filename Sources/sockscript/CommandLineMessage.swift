/// The one format of what sockscript itself says went wrong on the command line (not a
/// script's diagnostics, which point into the script): `sockscript: error: …` and
/// `sockscript: warning: …` on standard error, as the argument parser's own errors are
/// reformatted (``UsageErrors``).
enum CommandLineMessage {
  static func error(_ message: some StringProtocol) -> String { "sockscript: error: " + message }
  static func warning(_ message: some StringProtocol) -> String { "sockscript: warning: " + message }
}

extension Terminal {
  /// Prints `message` as a command-line error.
  static func commandError(_ message: String) { error(CommandLineMessage.error(message)) }

  /// Prints `message` as a command-line warning.
  static func commandWarning(_ message: String) { error(CommandLineMessage.warning(message)) }
}
