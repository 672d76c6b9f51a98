import ScenarioLang

/// The scripts `sockscript test` or `verify` runs. Finding none is an error, as in lit and
/// pytest: a mistyped directory or filter must not report "0 failed" and pass a CI job.
public enum ScriptSelection {
  /// Why nothing can run: the message for `sockscript: error: …` and the exit status.
  public struct Failure: Error {
    public let message: String
    public let status: ExitStatus
  }

  /// Where `test` and `verify` look when no PATH is given.
  static let defaultPaths = ["."]

  /// Every script under `paths` (the default when empty) whose path `filter` matches.
  public static func scripts(in paths: [String], filter: String? = nil) throws(Failure) -> [String] {
    let searched = paths.isEmpty ? defaultPaths : paths
    let found: [String]
    do throws(TestDiscovery.Missing) {
      found = try TestDiscovery.scripts(in: searched)
    } catch {
      throw Failure(message: "cannot read '\(error.path)': \(error.reason)", status: .ioError)
    }
    let places = searched.map { "'\($0)'" }.joined(separator: ", ")
    guard !found.isEmpty else {
      throw Failure(message: "no scripts (*.sock) in \(places)", status: .expectationFailed)
    }
    guard let filter else { return found }
    let chosen = found.filter(TestFilter(filter).matches)
    guard !chosen.isEmpty else {
      let which = found.count == 1 ? "does not match the one script" : "matches none of the \(found.count) scripts"
      throw Failure(message: "--filter '\(filter)' \(which) in \(places)", status: .expectationFailed)
    }
    return chosen
  }
}
