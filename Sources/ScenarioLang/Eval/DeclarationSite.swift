/// Where a socket name was declared, as the notes of a later error cite it: `3:8` in a
/// script, which is one file; `<repl>:3:8` or `FILE:3:8` in a REPL session, whose lines
/// and `:load`ed files are several sources.
struct DeclarationSite: Equatable, CustomStringConvertible {
  let location: SourceLocation
  /// The source's name, when notes must say which source; nil within one script.
  let file: String?

  var description: String { (file.map { $0 + ":" } ?? "") + location.description }
}
