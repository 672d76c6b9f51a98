import ArgumentParser
import ScenarioLang
import SockKernel
import SyscallVocabulary

/// `sockscript repl`: type statements one at a time against a live kernel model.
struct Repl: ParsableCommand {
  static let configuration = CommandConfiguration(
    // Named here rather than derived, as Run's is.
    commandName: "repl",
    abstract: "Type scenario statements one by one against a live kernel model.",
    usage: "sockscript repl [<options>]",
    discussion: """
      Each line runs at once; sockets and the virtual clock (shown in the prompt) persist. Type :help for the commands (:state, :time, :reset, :load, :save, :explain, :quit); a prefix names a command (:q, :s). Line editing, Tab completion and history (~/.sockscript_history, or the file named by SOCKSCRIPT_HISTORY; empty means none) come from libedit. Ctrl-C stops the running line; Ctrl-D leaves.

      When standard input is not a terminal there are no prompts and no editing: the input runs as a script, exactly as 'sockscript run -' would, so transcripts can be piped and diffed. 'sockscript' with no arguments on a terminal starts the REPL too.
      """
  )

  @Flag(help: "Print the kernel's reason (function and check) under every sleep and error.")
  var explain = false

  @Option(help: ArgumentHelp("Kernel tick rate (CONFIG_HZ); timeouts are counted in ticks.", valueName: "HZ"))
  var hz: Int64 = KernelConfig.defaultHZ

  @OptionGroup(title: "Limits (each line gets the statement budget a script gets)")
  var limitOptions: LimitOptions

  func validate() throws {
    if !KernelConfig.hzRange.contains(hz) {
      throw ValidationError(
        "--hz must be between \(KernelConfig.hzRange.lowerBound) and \(KernelConfig.hzRange.upperBound) (\(KernelConfig.usualHZ))"
      )
    }
  }

  func run() throws {
    guard isatty(STDIN_FILENO) != 0 else {
      // Piped input is a script: the same code path as `run -` makes the output identical.
      try Run.parse((explain ? ["--explain"] : []) + ["--hz", "\(hz)"] + limitOptions.arguments + ["-"]).run()
      return
    }
    var config = KernelConfig()
    config.hz = hz
    ReplLoop(config: config, explain: explain, limits: limitOptions.limits).run()
  }
}
