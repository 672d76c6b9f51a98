/// `# model-only: WHY` or `# kernel-only: WHY` at the end of a line: the line's statements
/// run on that backend only, because what they show cannot be observed on the other one
/// (`sockscript verify` then has nothing to compare for them). The reason is required.
public struct SideDirective: Sendable, Equatable {
  public let side: BackendKind
  public let reason: String
  public let location: SourceLocation

  static let words: [(String, BackendKind)] = [("model-only", .model), ("kernel-only", .linux)]
  /// The first letters of ``words``: a comment that starts otherwise is an ordinary one.
  static let initials: Set<Unicode.Scalar> = Set(words.map { $0.0.unicodeScalars.first! })

  /// The directive a comment (from its `#`) holds; nil for an ordinary comment.
  init?(comment: String, at location: SourceLocation) throws(Diagnostic) {
    let body = comment.dropFirst().drop { $0 == " " || $0 == "\t" }
    guard let (word, side) = Self.words.first(where: { body.hasPrefix($0.0) }) else { return nil }
    let rest = body.dropFirst(word.count)
    // `# model-onlyish` is an ordinary comment; `# model-only` alone is a directive without a reason.
    if let next = rest.first, next != ":" && next != " " && next != "\t" { return nil }
    let afterColon = rest.drop { $0 == " " || $0 == "\t" }
    let reason = afterColon.first == ":" ? afterColon.dropFirst().trimmingBlanks : ""
    guard !reason.isEmpty else {
      throw Diagnostic(
        "'# \(word)' needs a reason", at: location, length: comment.count,
        notes: ["say why the other side cannot show it: # \(word): the kernel picks autobind names at random"])
    }
    self.side = side
    self.reason = reason
    self.location = location
  }
}

extension Substring {
  fileprivate var trimmingBlanks: String {
    let start = drop { $0 == " " || $0 == "\t" }
    guard let last = start.lastIndex(where: { $0 != " " && $0 != "\t" && $0 != "\r" }) else { return "" }
    return String(start[...last])
  }
}
