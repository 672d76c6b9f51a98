/// Why a timeline file could not be made: always naming the file, since a run may write
/// several.
public enum TimelineError: Error, Equatable, CustomStringConvertible {
  /// The extension picks no ``TimelineFormat``.
  case unknownFormat(path: String)
  /// The same file was asked for twice.
  case repeatedPath(path: String)
  /// The file could not be created or truncated (`reason`: strerror's words).
  case cannotOpen(path: String, reason: String)
  /// The temporary file an SVG is drawn through could not be made.
  case cannotSpool(path: String, reason: String)
  /// Writing or closing the file failed (a full disk).
  case cannotWrite(path: String, reason: String)

  public var path: String {
    switch self {
    case .unknownFormat(let path), .repeatedPath(let path), .cannotOpen(let path, _), .cannotSpool(let path, _),
      .cannotWrite(let path, _):
      path
    }
  }

  public var description: String {
    switch self {
    case .unknownFormat(let path):
      let known = TimelineFormat.allCases.map { "." + $0.rawValue }.joined(separator: ", ")
      return "timeline file '\(path)': unknown extension (use \(known))"
    case .repeatedPath(let path): return "timeline file '\(path)' is given more than once"
    case .cannotOpen(let path, let reason): return "cannot write timeline file '\(path)': \(reason)"
    case .cannotSpool(let path, let reason):
      return "cannot make the temporary file for timeline file '\(path)': \(reason)"
    case .cannotWrite(let path, let reason): return "writing timeline file '\(path)' failed: \(reason)"
    }
  }
}
