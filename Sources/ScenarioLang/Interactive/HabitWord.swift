/// Words typed out of habit from other REPLs: `exit`, `quit` and `help` on a line of their
/// own. None is a statement of the language, so the parser's errors about them would be
/// noise; like Python's REPL, the REPL says what to type instead.
enum HabitWord {
  /// The answer to `line`, or nil when it is not such a word.
  static func answer(to line: String) -> String? {
    let word = line.trimmingBlanks
    switch word {
    case "exit", "quit", "exit()", "quit()": return "Use :quit or Ctrl-D to leave."
    case "help", "help()": return "Type :help for the commands, keys and example statements."
    default: return nil
    }
  }
}

extension String {
  /// Without leading and trailing spaces and tabs.
  fileprivate var trimmingBlanks: String {
    let blank: (Character) -> Bool = { $0 == " " || $0 == "\t" }
    return String(drop(while: blank).reversed().drop(while: blank).reversed())
  }
}
