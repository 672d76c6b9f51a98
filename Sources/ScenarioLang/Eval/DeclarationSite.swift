/// Where a socket name was declared, as the notes of a later error cite it: `3:8` in a
/// script, which is one file; `<repl>:3:8` or `FILE:3:8` in a REPL session, whose lines
/// and `:load`ed files are several sources.
///
/// One object per site, which every socket declared there shares (``NameCheck/site(_:)``
/// makes it once): a value of 40 bytes in each of a million `ScenarioSocket`s cost more
/// than any other field (`massif`). Two sites are equal when they are the same place.
final class DeclarationSite: Equatable, CustomStringConvertible {
  let location: SourceLocation
  /// The source's name, when notes must say which source; nil within one script.
  let file: String?

  init(location: SourceLocation, file: String?) {
    self.location = location
    self.file = file
  }

  static func == (a: DeclarationSite, b: DeclarationSite) -> Bool {
    a === b || (a.location == b.location && a.file == b.file)
  }

  var description: String { (file.map { $0 + ":" } ?? "") + location.description }
}
