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

  /// The median wall time of one run of `script`, as `operations` operations; with
  /// `timelines`, the run also draws itself as a JSON and an SVG timeline (into a scratch
  /// directory), its trace events made but no line printed.
  func measure(_ script: String, operations: Int, timelines: Bool = false) -> SideResult {
    let key = (timelines ? "timelines\n" : "") + script
    if let known = timed[key] { return known }
    let result = run(script, operations: operations, timelines: timelines)
    timed[key] = result
    return result
  }

  private func run(_ script: String, operations: Int, timelines: Bool) -> SideResult {
    var times: [Duration] = []
    var spent = Duration.zero
    repeat {
      var firstError: String?
      var status = ExitStatus.ok
      let scratch: ScratchDirectory?
      do throws(Unmeasured) {
        scratch = timelines ? try ScratchDirectory() : nil
      } catch {
        return .failure(error)
      }
      let time = Duration.timing {
        var recorder: TimelineRecorder?
        if let scratch {
          do throws(TimelineError) {
            recorder = try TimelineRecorder(paths: [scratch.path + "/run.json", scratch.path + "/run.svg"])
          } catch {
            firstError = "\(error)"
            status = .ioError
            return
          }
        }
        status = ScriptRunner.run(
          SourceFile(name: "bench", text: script), limits: Self.limits, tracing: timelines, output: { _ in },
          report: { diagnostic in if firstError == nil { firstError = diagnostic.message } },
          configure: { session in
            guard let recorder else { return }
            session.printsTrace = false
            session.onTraceEvent = recorder.record
          })
        do throws(TimelineError) {
          try recorder?.finish()
        } catch {
          firstError = "\(error)"
          status = .ioError
        }
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
