import Glibc
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
    limits.maxWakeups = 1 << 40
    limits.maxSockets = 1 << 30
    return limits
  }()

  /// Short runs repeat until they have taken this long in all, so that their median is
  /// not one run's noise.
  private let minimumTotal: Duration
  private var timed: [String: SideResult] = [:]

  init(minimumTotal: Duration) { self.minimumTotal = minimumTotal }

  /// The median wall time of one run of `script`, as `operations` operations, producing
  /// `output` (none, as `run --quiet`; the trace written to a file; two timelines).
  func measure(_ script: String, operations: Int, output: ModelOutput = .quiet) -> SideResult {
    let key = "\(output)\n" + script
    if let known = timed[key] { return known }
    let result = run(script, operations: operations, output: output)
    timed[key] = result
    return result
  }

  private func run(_ script: String, operations: Int, output: ModelOutput) -> SideResult {
    var times: [Duration] = []
    var spent = Duration.zero
    repeat {
      var firstError: String?
      var status = ExitStatus.ok
      let scratch: ScratchDirectory?
      do throws(Unmeasured) {
        scratch = output == .quiet ? nil : try ScratchDirectory()
      } catch {
        return .failure(error)
      }
      var traceFile: UnsafeMutablePointer<FILE>?
      if output == .traceFile, let scratch {
        traceFile = fopen(scratch.path + "/trace.txt", "w")
        guard traceFile != nil else { return .failure(.failure("cannot write the trace: fopen failed")) }
      }
      // The session outlives the clock: the kernel's side leaves its sockets open until its
      // clock has stopped too, and the model's teardown (freeing a million sockets) is not
      // the script's work.
      var finished: ScenarioSession?
      let time = Duration.timing {
        var recorder: TimelineRecorder?
        if output == .timelines, let scratch {
          do throws(TimelineError) {
            recorder = try TimelineRecorder(paths: [scratch.path + "/run.json", scratch.path + "/run.svg"])
          } catch {
            firstError = "\(error)"
            status = .ioError
            return
          }
        }
        // The trace's lines go through stdio's buffer to the file, as `run > FILE` writes them.
        let write: (String) -> Void =
          traceFile.map { file in
            { line in
              fputs(line, file)
              fputc(10, file)
            }
          } ?? { _ in }
        status = ScriptRunner.run(
          SourceFile(name: "bench", text: script), limits: Self.limits, tracing: output != .quiet, output: write,
          report: { diagnostic in if firstError == nil { firstError = diagnostic.message } },
          configure: { session in
            finished = session
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
        if let traceFile, fclose(traceFile) != 0 {
          firstError = "cannot write the trace: fclose failed"
          status = .ioError
        }
      }
      // Freed here, with the clock stopped.
      withExtendedLifetime(finished) {}
      finished = nil
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

/// What a model run of the bench produces besides its result.
enum ModelOutput: Equatable, CustomStringConvertible {
  /// Nothing: no trace is formatted (`run --quiet`).
  case quiet
  /// The trace, formatted and written to a file in a scratch directory (`run > FILE`).
  case traceFile
  /// A JSON and an SVG timeline, written to a scratch directory; no trace line printed.
  case timelines

  var description: String {
    switch self {
    case .quiet: "quiet"
    case .traceFile: "trace file"
    case .timelines: "timelines"
    }
  }
}
