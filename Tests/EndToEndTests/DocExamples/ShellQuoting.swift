/// Just enough of the POSIX shell's quoting to tell where a documented command ends: a
/// `$ sockscript run -e '…'` example may hold a script of several lines in one quoted word.
enum ShellQuoting {
  /// Whether `text` ends inside a single- or double-quoted string (or after an escaping
  /// backslash), so that the command goes on on the next line.
  static func leavesQuoteOpen(_ text: String) -> Bool {
    var inSingle = false
    var inDouble = false
    var escaped = false
    for character in text {
      if escaped {
        escaped = false
      } else if inSingle {
        // Nothing escapes inside single quotes, not even a backslash.
        if character == "'" { inSingle = false }
      } else if character == "\\" {
        escaped = true
      } else if inDouble {
        if character == "\"" { inDouble = false }
      } else if character == "'" {
        inSingle = true
      } else if character == "\"" {
        inDouble = true
      }
    }
    return inSingle || inDouble || escaped
  }
}
