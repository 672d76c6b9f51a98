/// The pictures of a run a timeline file can hold, picked by the file's extension: the same
/// events drawn for a trace viewer, for a browser, or for a Markdown page.
public enum TimelineFormat: String, CaseIterable, Sendable {
  /// Chrome's trace-event JSON, which the Perfetto UI and chrome://tracing open.
  case json
  /// A self-contained SVG 1.1 picture: a lane per thread, a time axis along the bottom.
  case svg
  /// A Mermaid `sequenceDiagram`, for short scenarios in Markdown.
  case mmd

  /// The format a file's extension picks; nil for any other extension.
  public init?(path: String) {
    let name = path.split(separator: "/", omittingEmptySubsequences: false).last ?? ""
    // `.svg` alone is a hidden file's name, not an extension.
    guard let dot = name.lastIndex(of: "."), dot != name.startIndex else { return nil }
    self.init(rawValue: name[name.index(after: dot)...].lowercased())
  }
}
