import ArgumentParser

/// Command-line errors in the one format of every other error sockscript reports,
/// `sockscript: error: …` on standard error, instead of the argument parser's "Error: …".
enum UsageErrors {
  /// `SockScript.main()`, with the errors reformatted.
  static func main() -> Never {
    do {
      var command = try SockScript.parseAsRoot()
      try command.run()
      Terminal.flush()
      Glibc.exit(EXIT_SUCCESS)
    } catch {
      exit(with: error)
    }
  }

  /// Prints what `error` asks for (help, a version, an error with the usage) and exits.
  static func exit(with error: Error) -> Never {
    let status = SockScript.exitCode(for: error)
    let text = SockScript.fullMessage(for: error)
    Terminal.flush()
    if status == .success {
      if !text.isEmpty { Terminal.put(text + "\n") }
    } else if !text.isEmpty {
      Terminal.error(reformatted(text))
    }
    Glibc.exit(status.rawValue)
  }

  /// "Error: Unknown option '--x'" becomes "sockscript: error: unknown option '--x'": the
  /// parser's own messages begin with a capital, the commands' (and strerror's) do not.
  static func reformatted(_ text: String) -> String {
    let prefix = "Error: "
    guard text.hasPrefix(prefix) else { return text }
    var message = text.dropFirst(prefix.count)
    if let first = message.first, first.isUppercase, let second = message.dropFirst().first, second.isLowercase {
      message = first.lowercased() + message.dropFirst()
    }
    return CommandLineMessage.error(message)
  }
}
