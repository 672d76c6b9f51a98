/// Test-only switches for the tests of `sockscript test`, which must show that a crashed or
/// hung run is reported and does not stop the others, while no correct script crashes or
/// hangs (time is virtual). `sockscript run` aborts on a file whose path contains the value
/// of `SOCKSCRIPT_TEST_CRASH`, and sleeps forever on one that contains `SOCKSCRIPT_TEST_HANG`.
///
/// Only debug builds, which the tests run, have them: a release build never aborts or hangs
/// because of a variable in its environment.
enum TestHooks {
  static func beforeRunning(_ path: String) {
    #if DEBUG
      if matches("SOCKSCRIPT_TEST_CRASH", path) { abort() }
      if matches("SOCKSCRIPT_TEST_HANG", path) {
        while true { pause() }
      }
    #endif
  }

  private static func matches(_ variable: String, _ path: String) -> Bool {
    guard let value = getenv(variable).map({ String(cString: $0) }), !value.isEmpty else { return false }
    return path.contains(value)
  }
}
