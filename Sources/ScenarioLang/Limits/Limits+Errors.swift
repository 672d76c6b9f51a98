import SockKernel
import SyscallVocabulary

extension Limits {
  /// A script longer than ``maxScriptBytes`` is refused before it is lexed, at the
  /// position of its first byte over the limit.
  public func checkSize(of source: SourceFile) throws(Diagnostic) {
    let size = source.text.utf8.count
    guard size > maxScriptBytes else { return }
    throw Diagnostic(
      "the script is \(size) bytes, more than the limit of \(maxScriptBytes)",
      at: source.location(ofByte: maxScriptBytes),
      notes: [Self.note(.scriptBytes)])
  }

  /// The error of the statement that would run one past ``maxStatements``.
  func statementsExceeded(at location: SourceLocation) -> Diagnostic {
    Diagnostic(
      "too many statements: this one would be number \(maxStatements + 1), over the limit of \(maxStatements)",
      at: location, notes: [Self.note(.statements)])
  }

  /// The error of the wake-up one past ``maxWakeups``, at the statement running then.
  func wakeupsExceeded(at location: SourceLocation?, length: Int) -> Diagnostic {
    Diagnostic(
      "too many wake-ups: this would be wake-up number \(maxWakeups + 1), over the limit of \(maxWakeups)",
      at: location, length: length, notes: [Self.note(.wakeups)])
  }

  /// The error of the declaration or `accept` that would create one socket too many.
  func socketsExceeded(at location: SourceLocation, length: Int) -> Diagnostic {
    Diagnostic(
      "too many sockets: this would be socket number \(maxSockets + 1), over the limit of \(maxSockets)",
      at: location, length: length, notes: [Self.note(.sockets)])
  }

  /// The error of the `fork` that would make one process too many.
  func processesExceeded(at location: SourceLocation, length: Int) -> Diagnostic {
    Diagnostic(
      "too many processes: this would be fork number \(maxProcesses + 1), over the limit of \(maxProcesses)",
      at: location, length: length, notes: [Self.note(.processes)])
  }

  /// The error of the `thread` declaration that would make one thread too many.
  func threadsExceeded(at location: SourceLocation, length: Int) -> Diagnostic {
    Diagnostic(
      "too many threads: this would be thread number \(maxThreads + 1), over the limit of \(maxThreads)",
      at: location, length: length, notes: [Self.note(.threads)])
  }

  /// The error of the statement during which the clock would pass ``maxVirtualTime``.
  func virtualTimeExceeded(next: Nanoseconds, at location: SourceLocation?, length: Int) -> Diagnostic {
    Diagnostic(
      "virtual time would pass the limit of \(maxVirtualTime / 1_000_000_000) s: the next timer is due at \(TraceFormatter.time(next))",
      at: location, length: length,
      notes: [Self.note(.virtualTime) + "; it takes whole seconds"])
  }
}

extension SourceFile {
  /// The line and column of the character that holds UTF-8 byte `offset` (clamped to the text).
  func location(ofByte offset: Int) -> SourceLocation {
    var line = 1
    var column = 1
    var consumed = 0
    for scalar in text.unicodeScalars {
      let width = UTF8.width(scalar)
      if consumed + width > offset { break }
      consumed += width
      if scalar == "\n" {
        line += 1
        column = 1
      } else {
        column += 1
      }
    }
    return SourceLocation(line: line, column: column, offset: consumed)
  }
}
