import ScenarioLang

/// The REPL's history on disk: `$SOCKSCRIPT_HISTORY`, else `~/.sockscript_history`; an empty
/// `SOCKSCRIPT_HISTORY` keeps none. Every entered line is written at once, merged with what
/// the file holds then, so that two REPLs running side by side both keep their lines.
struct HistoryFile {
  let path: String?
  private(set) var list: HistoryList

  init(path: String? = HistoryFile.defaultPath) {
    self.path = path
    self.list = HistoryList(parsing: path.flatMap(Self.load) ?? "")
  }

  static var defaultPath: String? {
    if let chosen = getenv("SOCKSCRIPT_HISTORY") {
      let path = String(cString: chosen)
      return path.isEmpty ? nil : path
    }
    guard let home = getenv("HOME") else { return nil }
    return String(cString: home) + "/.sockscript_history"
  }

  mutating func add(_ line: String) {
    var merged = HistoryList(parsing: path.flatMap(Self.load) ?? "")
    merged.add(line)
    list = merged
    if let path { _ = Terminal.writeFile(merged.text, to: path, atomically: true) }
  }

  private static func load(_ path: String) -> String? {
    Terminal.read(path).map { String(decoding: $0, as: UTF8.self) }
  }
}
