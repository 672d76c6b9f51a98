import ScenarioLang

/// One libFuzzer input (`make fuzz`, docs/fuzzing.md) is one script, run
/// through everything `sockscript run` does with it — UTF-8 decoding, the size limit, the
/// lexer, the parser, the name check, the evaluator and the kernel model — and every
/// diagnostic is rendered. A Swift runtime trap (overflow, bad index, force unwrap,
/// precondition) is a crash that libFuzzer reports and saves.
///
/// The limits are small so that every input runs in well under a millisecond; the default
/// limits are exercised by the bad-input corpus (Tests/BadInput) instead.
func fuzzScenario(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
  let bytes = data.map { Array(UnsafeBufferPointer(start: $0, count: size)) } ?? []
  var limits = Limits()
  limits.maxScriptBytes = 1 << 16
  limits.maxStatements = 256
  limits.maxWakeups = 4096
  limits.maxSockets = 64
  limits.maxVirtualTime = 3_600_000_000_000
  let source: SourceFile
  do throws(Diagnostic) {
    source = try SourceFile.decode(bytes, name: "fuzz.sock")
  } catch {
    // `sockscript run` stops here; the lexer still gets the lossy text, U+FFFD and all.
    source = .lossy(bytes, name: "fuzz.sock")
    _ = error.rendered(in: source)
  }
  let run = ScriptRunner.capture(source, explain: true, limits: limits)
  for diagnostic in run.diagnostics { _ = diagnostic.rendered(in: source, color: true) }
  return 0
}
