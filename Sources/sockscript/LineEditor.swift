import CLibEdit
import ScenarioLang

/// libedit's `EditLine` and `History`: emacs keys, Up/Down and Ctrl-R through the history,
/// Tab completion, and Ctrl-C as a key that abandons the line.
final class LineEditor {
  /// What one ``read(prompt:)`` got.
  enum Input: Equatable {
    case line(String)
    /// Ctrl-C: the line was abandoned.
    case cancelled
    /// Ctrl-D on an empty line, or the terminal went away.
    case end
  }

  private var editLine: OpaquePointer?
  private let history: OpaquePointer
  /// The prompt libedit shows; owned here, replaced by each ``read(prompt:)``.
  private var prompt: UnsafeMutablePointer<CChar>
  private var cancelled = false
  /// Completions for the text before the cursor.
  var complete: ((String) -> Completion)?

  init(program: String, history entries: [String]) {
    history = history_init()
    prompt = strdup("> ")
    sockscript_history_setsize(history, Int32(HistoryList.defaultLimit))
    for entry in entries { sockscript_history_enter(history, entry) }
    editLine = sockscript_el_init(program)
    guard let editLine else { return }
    sockscript_el_setup(
      editLine, { el in LineEditor.owner(of: el)?.prompt }, history, Unmanaged.passUnretained(self).toOpaque())
    sockscript_el_bind(
      editLine, "sockscript-complete", "Complete a word, a socket name or a file name",
      { el, _ in el.flatMap { LineEditor.owner(of: $0)?.tab($0) } ?? UInt8(CC_ERROR) }, "^I")
    sockscript_el_bind(
      editLine, "sockscript-cancel", "Abandon the line",
      { el, _ in el.flatMap { LineEditor.owner(of: $0)?.cancel($0) } ?? UInt8(CC_ERROR) },
      "^C")
  }

  deinit {
    if let editLine { el_end(editLine) }
    history_end(history)
    free(prompt)
  }

  private static func owner(of el: OpaquePointer?) -> LineEditor? {
    guard let el, let data = sockscript_el_clientdata(el) else { return nil }
    return Unmanaged<LineEditor>.fromOpaque(data).takeUnretainedValue()
  }

  /// Reads one line (without its newline).
  func read(prompt text: String) -> Input {
    free(prompt)
    prompt = strdup(text)
    cancelled = false
    guard let editLine else { return .end }
    sockscript_tty_leave_canonical(STDIN_FILENO)
    var count: Int32 = 0
    guard let line = el_gets(editLine, &count) else {
      // A SIGINT that arrived anyway (e.g. `kill -INT`) interrupts the read: a cancel, too.
      if count < 0 && errno == EINTR {
        Terminal.out("^C")
        return .cancelled
      }
      return .end
    }
    if cancelled { return .cancelled }
    var text = String(cString: line)
    if text.hasSuffix("\n") { text.removeLast() }
    return .line(text)
  }

  /// Makes `line` the newest entry for Up and Ctrl-R.
  func remember(_ line: String) { sockscript_history_enter(history, line) }

  /// Tab: inserts the only candidate, or what all candidates share; lists them when that
  /// adds nothing.
  private func tab(_ el: OpaquePointer) -> UInt8 {
    guard let info = el_line(el)?.pointee, let complete else { return UInt8(CC_ERROR) }
    let before = UnsafeRawBufferPointer(start: info.buffer, count: info.cursor - info.buffer)
    let completion = complete(String(decoding: before, as: UTF8.self))
    switch completion.candidates.count {
    case 0:
      return UInt8(CC_ERROR)
    case 1:
      let only = completion.candidates[0]
      el_insertstr(el, String(only.dropFirst(completion.word.count)) + (only.hasSuffix("/") ? "" : " "))
      return UInt8(CC_REFRESH)
    default:
      let shared = completion.commonPrefix
      if shared.count > completion.word.count {
        el_insertstr(el, String(shared.dropFirst(completion.word.count)))
        return UInt8(CC_REFRESH)
      }
      Terminal.out("\n" + Self.columns(completion.candidates))
      Terminal.flush()
      return UInt8(CC_REDISPLAY)
    }
  }

  /// Ctrl-C while editing: shows `^C` at the end of the line and ends it; ``read(prompt:)``
  /// then reports it abandoned.
  private func cancel(_ el: OpaquePointer) -> UInt8 {
    cancelled = true
    el_cursor(el, Int32.max / 2)
    el_insertstr(el, "^C")
    el_push(el, "\n")
    return UInt8(CC_REFRESH)
  }

  /// Candidates in columns, as shells list them.
  static func columns(_ words: [String], width: Int = 80) -> String {
    let cell = (words.map(\.count).max() ?? 0) + 2
    let perLine = max(1, width / cell)
    var lines: [String] = []
    for start in stride(from: 0, to: words.count, by: perLine) {
      let row = words[start..<min(words.count, start + perLine)]
      lines.append(row.map { $0 + String(repeating: " ", count: cell - $0.count) }.joined())
    }
    return lines.map { String($0.reversed().drop { $0 == " " }.reversed()) }.joined(separator: "\n")
  }
}
