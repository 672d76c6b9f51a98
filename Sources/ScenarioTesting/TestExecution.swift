import Foundation
import ScenarioLang

/// What every test of one `sockscript test` invocation shares.
public struct TestSettings: Sendable {
  /// The `sockscript` executable that runs each script.
  let executable: String
  /// The time limit of a test whose header sets none.
  let timeout: Duration
  /// `--update`: write golden files instead of failing on them.
  let update: Bool
  /// Color in rendered header diagnostics and diffs.
  let color: Bool
  /// Options passed on to every `sockscript run` (the limit flags).
  var runArguments: [String] = []

  public init(executable: String, timeout: Duration, update: Bool, color: Bool, runArguments: [String] = []) {
    self.executable = executable
    self.timeout = timeout
    self.update = update
    self.color = color
    self.runArguments = runArguments
  }
}

/// Runs one test script in a child `sockscript run` and judges the result against its
/// header and golden file.
public enum TestExecution {
  public static func run(_ path: String, _ settings: TestSettings) -> TestOutcome {
    let started = ContinuousClock.now
    func outcome(_ verdict: TestOutcome.Verdict, _ problems: [TestProblem], _ change: GoldenChange? = nil)
      -> TestOutcome
    {
      TestOutcome(
        path: path, verdict: verdict, problems: problems, change: change, elapsed: started.duration(to: .now))
    }
    guard let bytes = FileBytes.read(path) else {
      return outcome(.failed, [.unusable(summary: "cannot read it: \(FileBytes.lastError())", details: "")])
    }
    let source = SourceFile.lossy(bytes, name: path)
    let header: TestHeader
    do throws(Diagnostic) {
      header = try TestHeader.parse(source)
    } catch {
      let details = error.rendered(in: source, color: settings.color)
      return outcome(.failed, [.unusable(summary: "bad test header", details: details)])
    }
    if let reason = header.skip { return outcome(.skipped(reason), []) }

    var arguments = ["run"]
    if let hz = header.hz { arguments += ["--hz", String(hz)] }
    if header.explain { arguments.append("--explain") }
    arguments += settings.runArguments
    arguments += ["--", path]
    let limit = header.timeout ?? settings.timeout
    let result: ChildResult
    do throws(ChildError) {
      result = try ChildProcess.run(settings.executable, arguments, timeout: limit)
    } catch {
      return outcome(.failed, [.unusable(summary: "cannot start sockscript run: \(error.message)", details: "")])
    }
    let stderr = String(decoding: result.stderr, as: UTF8.self)
    switch result.ending {
    // A crash or a hang is a bug or a broken machine, never the failure an xfail expects.
    case .signaled(let signal): return outcome(.failed, [.crashed(signal: signal, stderr: stderr)])
    case .timedOut: return outcome(.failed, [.timedOut(limit, stderr: stderr)])
    case .exited(let status) where status != header.expectedExit:
      // The output of a run that went wrong is not compared: it would only repeat the error.
      let problem = TestProblem.exitStatus(actual: status, expected: header.expectedExit, stderr: stderr)
      return header.xfail.map { outcome(.expectedFailure($0), [problem]) } ?? outcome(.failed, [problem])
    case .exited:
      break
    }

    let golden = GoldenFile(script: path)
    var problems: [TestProblem] = []
    var change: GoldenChange?
    let check = golden.check(result.stdout)
    switch check {
    case .matches:
      break
    case .unreadable(let reason):
      problems.append(.unusable(summary: "cannot read \(golden.path): \(reason)", details: ""))
    case .missing where settings.update && header.xfail == nil, .differs where settings.update && header.xfail == nil:
      let created = check == .missing
      if let failure = golden.write(result.stdout) {
        problems.append(.unusable(summary: "cannot write \(golden.path): \(failure)", details: ""))
      } else {
        change = GoldenChange(path: golden.path, created: created)
      }
    case .missing:
      break  // no golden file: only the exit status is checked
    case .differs(let mismatch):
      problems.append(.output(golden: golden.path, script: path, mismatch: mismatch))
    }
    let errorCheck = ErrorGolden.check(result.stderr, of: path, update: settings.update && header.xfail == nil)
    if let problem = errorCheck.problem { problems.append(problem) }
    if change == nil { change = errorCheck.change }
    if let reason = header.xfail {
      return problems.isEmpty ? outcome(.unexpectedPass(reason), []) : outcome(.expectedFailure(reason), problems)
    }
    return outcome(problems.isEmpty ? .passed : .failed, problems, change)
  }
}
