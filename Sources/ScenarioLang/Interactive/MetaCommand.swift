/// A REPL command that is not part of the language: `:name [argument]`.
public enum MetaCommand: Equatable, Sendable {
  case help
  case state
  case time
  case reset
  case load(String)
  case save(String)
  /// `:explain` alone shows the setting.
  case explain(Bool?)
  case quit

  /// Every command name, in the order `:help` lists them.
  public static let names = ["help", "state", "time", "reset", "load", "save", "explain", "quit"]

  /// Parses a line that starts with `:` (after blanks); errors point into `line`, on line 1.
  /// A command may be shortened to any prefix (see ``resolve(_:at:length:)``).
  public static func parse(_ line: String) throws(Diagnostic) -> MetaCommand {
    let scalars = Array(line.unicodeScalars)
    var index = 0
    while index < scalars.count, scalars[index] == " " || scalars[index] == "\t" { index += 1 }
    let nameStart = index + 1
    index = nameStart
    while index < scalars.count, scalars[index] != " " && scalars[index] != "\t" { index += 1 }
    let typed = String(String.UnicodeScalarView(scalars[nameStart..<index]))
    while index < scalars.count, scalars[index] == " " || scalars[index] == "\t" { index += 1 }
    let argumentStart = index
    var end = scalars.count
    while end > argumentStart, scalars[end - 1] == " " || scalars[end - 1] == "\t" { end -= 1 }
    let argument = String(String.UnicodeScalarView(scalars[argumentStart..<end]))
    func at(_ column: Int, _ length: Int) -> (SourceLocation, Int) {
      let offset = String(String.UnicodeScalarView(scalars[0..<column])).utf8.count
      return (SourceLocation(line: 1, column: column + 1, offset: offset), max(1, length))
    }
    let (nameAt, nameLength) = at(nameStart - 1, typed.unicodeScalars.count + 1)
    let (argumentAt, argumentLength) = at(argumentStart, argument.unicodeScalars.count)
    let name = try resolve(typed, at: nameAt, length: nameLength)
    func noArgument(_ command: MetaCommand) throws(Diagnostic) -> MetaCommand {
      guard argument.isEmpty else {
        throw Diagnostic(":\(name) takes no argument", at: argumentAt, length: argumentLength)
      }
      return command
    }
    func path() throws(Diagnostic) -> String {
      guard !argument.isEmpty else {
        throw Diagnostic(
          ":\(name) needs a file name", at: nameAt, length: nameLength, notes: ["e.g. :\(name) demo.sock"])
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
    case "explain":
      switch argument {
      case "": return .explain(nil)
      case "on": return .explain(true)
      case "off": return .explain(false)
      default: throw Diagnostic(":explain takes 'on' or 'off'", at: argumentAt, length: argumentLength)
      }
    default:
      preconditionFailure("resolve returns command names only")
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
