import ScenarioLang

/// What a test script asks of `sockscript test`, written as directives in the comment lines
/// at its top:
///
/// ```
/// # exit: 2              the exit status `sockscript run` must end with (default 0)
/// # skip: REASON         do not run it; count it as skipped
/// # xfail: REASON        it is expected to fail (wrong status or output); passing is an error
/// # timeout: 10s         real-time limit for the run (ms, s or m)
/// # hz: 100              run with `--hz 100`
/// # explain: on          run with `--explain` (on or off)
/// ```
///
/// The header ends at the first line that is neither blank nor a comment. A comment such
/// as `# unix_bind: …` is not a directive; a near miss of one (`# timout: 1s`, `# Skip: x`)
/// is an error, so that a typo cannot silently turn a directive into a comment.
public struct TestHeader: Sendable, Equatable {
  /// The exit status the run must end with.
  public var expectedExit: Int32 = 0
  /// Why the test is skipped, when it is.
  public var skip: String?
  /// Why the test is expected to fail, when it is.
  public var xfail: String?
  /// The real-time limit of the run, when the script sets one.
  public var timeout: Duration?
  /// The kernel tick rate to run with, when the script sets one.
  public var hz: Int64?
  /// Whether to run with `--explain`.
  public var explain = false

  /// A header with every default: exit 0, no skip, no xfail, the runner's time limit.
  public init() {}

  /// The directive names, in the order the documentation lists them.
  public static let directives = ["exit", "skip", "xfail", "timeout", "hz", "explain"]
}
