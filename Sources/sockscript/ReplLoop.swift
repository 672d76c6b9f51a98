import ScenarioLang
import SockKernel
import SyscallVocabulary

/// The interactive loop: reads logical lines with libedit, hands them to an
/// ``InteractiveSession``, keeps the history file. Returns when the user leaves.
struct ReplLoop {
  let config: KernelConfig
  let explain: Bool
  let limits: Limits

  func run() {
    Self.useUTF8Locale()
    Self.catchInterrupts()
    let color = Terminal.wantsColor
    let engine = InteractiveSession(
      config: config, explain: explain, limits: limits,
      output: { Terminal.out($0) },
      report: { diagnostic, source in
        Terminal.error(diagnostic.rendered(in: source, color: color), newline: false)
      },
      readFile: { Terminal.read($0) },
      writeFile: { Terminal.writeFile($1, to: $0) }, columns: { Terminal.columns })
    var history = HistoryFile()
    let editor = LineEditor(program: "sockscript", history: history.list.entries)
    var pending: String?
    editor.complete = { text in
      // A continued input is completed as a whole: `repeat 3 {` on the line before counts.
      let input = pending.map { LineContinuation.join($0, text).text } ?? text
      return Completion.complete(input, sockets: engine.socketNames, files: Terminal.directoryEntries)
    }
    Terminal.out("sockscript REPL (virtual time in the prompt). :help for help, Ctrl-D to leave.")
    while !engine.quitRequested {
      Terminal.flush()
      // A Ctrl-C before this prompt is not for the next line; one right after Enter is,
      // since the terminal signals it once libedit hands the line over.
      engine.interrupt.take()
      let prompt = pending == nil ? "\(engine.time)> " : String(repeating: " ", count: engine.time.count - 3) + "...> "
      switch editor.read(prompt: prompt) {
      case .end:
        // Ctrl-D on an empty line: leave on a fresh line, with status 0.
        Terminal.out("")
        return
      case .cancelled:
        pending = nil
      case .line(let line):
        let joined = LineContinuation.join(pending, line)
        guard joined.complete else {
          pending = joined.text
          continue
        }
        pending = nil
        history.add(joined.text)
        editor.remember(joined.text)
        engine.enter(joined.text)
      }
    }
    Terminal.flush()
  }

  /// UTF-8 input needs a UTF-8 `LC_CTYPE` before `el_init`; when the environment names none
  /// (`LANG` unset, `C`), C.UTF-8 is used, which glibc always has.
  static func useUTF8Locale() {
    setlocale(LC_CTYPE, "")
    if let codeset = nl_langinfo(nl_item(CODESET)), String(cString: codeset) == "UTF-8" { return }
    setlocale(LC_CTYPE, "C.UTF-8")
  }

  /// SIGINT while a statement runs (the terminal is not in editing mode then) asks the
  /// session to stop at its next safe point. No SA_RESTART: a blocking read returns EINTR.
  static func catchInterrupts() {
    _ = InterruptFlag.sigint
    var action = sigaction()
    action.__sigaction_handler.sa_handler = { _ in InterruptFlag.sigint.raise() }
    sigemptyset(&action.sa_mask)
    action.sa_flags = 0
    sigaction(SIGINT, &action, nil)
  }
}
