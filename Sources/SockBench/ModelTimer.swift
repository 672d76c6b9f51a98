import ScenarioLang
import SockKernel
import SyscallVocabulary

/// Times scripts on the model in this process, with tracing off (no trace is formatted),
/// as `sockscript run --quiet` runs them. A script that has been timed once is not run
/// again: the growth table reuses the figures of the scenario table at the same size.
final class ModelTimer {
  /// Limits high enough for every scenario: a bench script's size is its point.
  static let limits: Limits = {
    var limits = Limits()
    limits.maxStatements = 1 << 40
    limits.maxSockets = 1 << 30
    return limits
  }()

  /// Short runs repeat until they have taken this long in all, so that their median is
  /// not one run's noise.
  private let minimumTotal: Duration
  private var timed: [String: SideResult] = [:]

  init(minimumTotal: Duration) { self.minimumTotal = minimumTotal }

  /// The median wall time of one run of `script`, as `operations` operations.
  func measure(_ script: String, operations: Int) -> SideResult {
    if let known = timed[script] { return known }
    let result = run(script, operations: operations)
    timed[script] = result
    return result
  }

  private func run(_ script: String, operations: Int) -> SideResult {
    var times: [Duration] = []
    var spent = Duration.zero
    repeat {
      var firstError: String?
      var status = ExitStatus.ok
      let time = Duration.timing {
        status = ScriptRunner.run(
          SourceFile(name: "bench", text: script), limits: Self.limits, tracing: false, output: { _ in },
          report: { diagnostic in if firstError == nil { firstError = diagnostic.message } })
      }
      guard status == .ok else {
        return .failure(.failure("the model's run exited \(status.rawValue): \(firstError ?? "no diagnostic")"))
      }
      times.append(time)
      spent += time
    } while spent < minimumTotal && times.count < 10_000
    times.sort()
    return .success(Measurement(operations: operations, total: times[times.count / 2]))
  }
}
