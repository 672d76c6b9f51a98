/// A REPL command that is not part of the language: `:name [argument]`.
public enum MetaCommand: Equatable, Sendable {
  case help
  case state
  case time
  case reset
  case load(String)
  case save(String)
  /// `:timeline FILE`: the session so far as a picture (.json, .svg or .mmd).
  case timeline(String)
  /// `:explain` alone shows the setting.
  case explain(Bool?)
  case quit

  /// Every command name, in the order `:help` lists them.
  public static let names = ["help", "state", "time", "timeline", "reset", "load", "save", "explain", "quit"]

  /// Parses a line that starts with `:` (after blanks); errors point into `line`, on line 1.
  /// A command may be shortened to any prefix (see ``resolve(_:at:length:)``).
  public static func parse(_ line: String) throws(Diagnostic) -> MetaCommand {
    let parts = Parts(line)
    let argument = parts.argument
    let name = try resolve(parts.typed, at: parts.nameAt, length: parts.nameLength)
    func noArgument(_ command: MetaCommand) throws(Diagnostic) -> MetaCommand {
      guard argument.isEmpty else {
        throw Diagnostic(":\(name) takes no argument", at: parts.argumentAt, length: parts.argumentLength)
      }
      return command
    }
    func path() throws(Diagnostic) -> String {
      guard !argument.isEmpty else {
        throw Diagnostic(
          ":\(name) needs a file name", at: parts.nameAt, length: parts.nameLength, notes: ["e.g. :\(name) demo.sock"])
      }
      return argument
    }
    switch name {
    case "help": return try noArgument(.help)
    case "state": return try noArgument(.state)
    case "time": return try noArgument(.time)
    case "reset": return try noArgument(.reset)
    case "quit": return try noArgument(.quit)
    case "load": return .load(try path())
    case "save": return .save(try path())
    case "timeline":
      let file = try path()
      guard TimelineFormat(path: file) != nil else {
        throw Diagnostic(
          ":timeline draws .json, .svg or .mmd", at: parts.argumentAt, length: parts.argumentLength,
          notes: ["the extension picks the format: :timeline run.svg"])
      }
      return .timeline(file)
    case "explain":
      switch argument {
      case "": return .explain(nil)
      case "on": return .explain(true)
      case "off": return .explain(false)
      default: throw Diagnostic(":explain takes 'on' or 'off'", at: parts.argumentAt, length: parts.argumentLength)
      }
    default:
      preconditionFailure("resolve returns command names only")
    }
  }

  /// A command line cut into its name (with its `:`) and its argument, with where each is
  /// on line 1, so that an error about either points at it.
  struct Parts {
    let typed: String
    let nameAt: SourceLocation
    let nameLength: Int
    let argument: String
    /// Where the argument is; the end of the line when there is none.
    let argumentAt: SourceLocation
    let argumentLength: Int

    init(_ line: String) {
      let scalars = Array(line.unicodeScalars)
      var index = 0
      while index < scalars.count, scalars[index] == " " || scalars[index] == "\t" { index += 1 }
      let nameStart = index + 1
      index = nameStart
      while index < scalars.count, scalars[index] != " " && scalars[index] != "\t" { index += 1 }
      typed = String(String.UnicodeScalarView(scalars[nameStart..<index]))
      while index < scalars.count, scalars[index] == " " || scalars[index] == "\t" { index += 1 }
      let argumentStart = index
      var end = scalars.count
      while end > argumentStart, scalars[end - 1] == " " || scalars[end - 1] == "\t" { end -= 1 }
      argument = String(String.UnicodeScalarView(scalars[argumentStart..<end]))
      func at(_ column: Int) -> SourceLocation {
        let offset = String(String.UnicodeScalarView(scalars[0..<column])).utf8.count
        return SourceLocation(line: 1, column: column + 1, offset: offset)
      }
      nameAt = at(nameStart - 1)
      nameLength = typed.unicodeScalars.count + 1
      argumentAt = at(argumentStart)
      argumentLength = max(1, argument.unicodeScalars.count)
    }
  }

  /// The command a typed name stands for: the name itself, or the first command in
  /// ``names`` it is a prefix of, as sqlite3's shell and gdb resolve theirs: `:q` is
  /// `:quit`, and `:s`, a prefix of both `:state` and `:save`, is `:state`, the one listed
  /// first (`:sa` names `:save`). A prefix of none is an error.
  static func resolve(_ typed: String, at location: SourceLocation, length: Int) throws(Diagnostic) -> String {
    if names.contains(typed) { return typed }
    if !typed.isEmpty, let first = names.first(where: { $0.hasPrefix(typed) }) { return first }
    let commands = "commands: " + names.map { ":" + $0 }.joined(separator: " ")
    throw Diagnostic(
      "unknown command ':\(typed)'", at: location, length: length,
      notes: Parser.suggestion(for: ":" + typed, among: names.map { ":" + $0 }) + [commands])
  }
}
