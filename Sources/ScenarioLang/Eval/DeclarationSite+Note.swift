extension DeclarationSite {
  /// A note that cites this declaration, for a diagnostic in source `file`: the note
  /// points at the declaration (`message(nil)`, "it was declared here") when it is in that
  /// source; one in another source (a REPL line citing a `:load`ed file) cannot be pointed
  /// at there, so its note names the place in its text (`message("<repl>:3:8")`).
  func note(in file: String?, _ message: (_ place: String?) -> String) -> Diagnostic.Note {
    file == self.file ? Diagnostic.Note(message(nil), at: location) : Diagnostic.Note(message(description))
  }

  /// The note of a name declared twice: `it was declared here; pick another name`, at this
  /// site (or `… declared at <repl>:3:8; …` from another source).
  func pickAnotherName(_ subject: String = "it", in file: String?) -> Diagnostic.Note {
    note(in: file) { "\(subject) was declared \($0.map { "at " + $0 } ?? "here"); pick another name" }
  }
}
