import SockKernel

/// What Tab offers at the cursor: the partial word before it and the words that can replace
/// it, chosen by where the cursor is (statement start, after `=`, after `:load`, …).
public struct Completion: Equatable, Sendable {
  /// The text before the cursor that the candidates replace.
  public let word: String
  /// Full replacements, sorted; a directory ends with `/`.
  public let candidates: [String]

  /// The longest text every candidate starts with (at least ``word`` when there are any).
  public var commonPrefix: String {
    guard var prefix = candidates.first else { return word }
    for candidate in candidates.dropFirst() {
      while !candidate.hasPrefix(prefix) { prefix.removeLast() }
    }
    return prefix
  }

  /// Completions for the REPL line `beforeCursor`. `sockets` are the names declared now;
  /// `files` lists a directory's entries for `:load`/`:save` (directories with a trailing `/`).
  public static func complete(
    _ beforeCursor: String, sockets: [String], files: (_ directory: String) -> [String]
  ) -> Completion {
    let trimmed = beforeCursor.drop { $0 == " " || $0 == "\t" }
    if trimmed.hasPrefix(":") { return meta(String(trimmed), files: files) }
    let statement = String(beforeCursor.split(separator: ";", omittingEmptySubsequences: false).last ?? "")
    if statement.filter({ $0 == "\"" }).count % 2 == 1 { return Completion(word: "", candidates: []) }
    let word = String(statement.reversed().prefix { $0.isLetter || $0.isNumber || $0 == "_" }.reversed())
    let before = statement.dropLast(word.count)
    let previous = before.split { $0 == " " || $0 == "\t" || $0 == "&" }.map(String.init)
    let pool = pool(after: previous, sockets: sockets)
    return Completion(word: word, candidates: Set(pool.filter { $0.hasPrefix(word) }).sorted())
  }

  /// The words that make sense after `previous` (the words of the statement so far).
  static func pool(after previous: [String], sockets: [String]) -> [String] {
    guard let last = previous.last else { return Array(Parser.statementWords) + sockets }
    if last == "=" || last == "-1" || last.hasSuffix("=") { return Errno.allCases.map(\.name) }
    switch last {
    case "connect", "wait": return sockets
    case "shutdown": return ["rd", "wr", "rdwr"]
    case "get": return ["sndtimeo", "rcvtimeo"]
    case "nonblock": return ["on", "off"] + Parser.operationWords
    case "accept": return ["as"] + Parser.operationWords
    case "as", "sleep", "listen", "bind", "touch", "mkdir", "unlink", "sndtimeo", "rcvtimeo": return []
    default: break
    }
    if previous.count == 1 && Parser.declarationWords.contains(last) {
      return Array(Parser.typeWords.keys) + Parser.operationWords
    }
    return Parser.operationWords
  }

  /// `:help`, `:load FILE`, `:explain on|off`, ….
  static func meta(_ text: String, files: (String) -> [String]) -> Completion {
    guard let space = text.firstIndex(where: { $0 == " " || $0 == "\t" }) else {
      let names = MetaCommand.names.map { ":" + $0 }
      return Completion(word: text, candidates: names.filter { $0.hasPrefix(text) }.sorted())
    }
    let command = String(text[text.index(after: text.startIndex)..<space])
    let argument = String(text[space...].drop { $0 == " " || $0 == "\t" })
    switch command {
    case "load", "save":
      let slash = argument.lastIndex(of: "/")
      let directory = slash.map { String(argument[...$0]) } ?? ""
      let showHidden = argument[(slash.map { argument.index(after: $0) } ?? argument.startIndex)...].hasPrefix(".")
      let entries = files(directory).filter { showHidden || !$0.hasPrefix(".") }.map { directory + $0 }
      return Completion(word: argument, candidates: entries.filter { $0.hasPrefix(argument) }.sorted())
    case "explain":
      return Completion(word: argument, candidates: ["off", "on"].filter { $0.hasPrefix(argument) })
    default:
      return Completion(word: argument, candidates: [])
    }
  }
}
