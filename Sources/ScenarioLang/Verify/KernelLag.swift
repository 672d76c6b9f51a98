import SockKernel
import SyscallVocabulary

/// The kernel run falling behind a timing the script depends on: a call the model made
/// while another call slept with a timeout started on the kernel only after that timeout
/// could have ended there. Real set-up work the model does not have (starting hundreds of
/// threads, a CPU taken by other work) did it, not a kernel rule: whatever diverges after
/// it is not a comparison of the model with the kernel.
public struct KernelLag: Sendable, Equatable {
  /// Where the script made the call that started too late.
  public let location: SourceLocation
  /// How much further behind the model the kernel run was at that call than when the
  /// sleeper started.
  public let behind: Nanoseconds

  public init(location: SourceLocation, behind: Nanoseconds) {
    self.location = location
    self.behind = behind
  }
}

extension Comparison {
  /// The first call, in the model's order, that the kernel started after the earliest end
  /// of a timeout the model had it start before; nil when the kernel kept the script's timing.
  public func lag(model: CallLog, kernel: CallLog) -> KernelLag? {
    struct Sleeper {
      /// The model's expiry: calls started before it count as started during the sleep...
      let deadline: Nanoseconds
      /// ...until the sleep ended (a call started as it ends, its waker's, counts).
      let returned: Nanoseconds
      /// The earliest the kernel could have ended the sleep by its timeout.
      let kernelExpiry: Nanoseconds
      let drift: Nanoseconds
    }
    let calls = pairs(model: model, kernel: kernel).enumerated().compactMap { index, pair in
      pair.model.startedAt.flatMap { start in Self.kernelStart(pair.kernel).map { (index, start, $0, pair) } }
    }.sorted { ($0.1, $0.0) < ($1.1, $1.0) }
    var sleepers: [Sleeper] = []
    for (_, modelStart, kernelStart, pair) in calls {
      sleepers.removeAll { $0.deadline <= modelStart || $0.returned < modelStart }
      let drift = kernelStart - modelStart
      if let late = sleepers.filter({ $0.kernelExpiry <= kernelStart }).min(by: { $0.drift < $1.drift }) {
        return KernelLag(location: pair.model.location, behind: drift - late.drift)
      }
      guard let deadline = pair.model.deadline, deadline > modelStart else { continue }
      sleepers.append(
        Sleeper(
          deadline: deadline, returned: pair.model.returnedAt ?? deadline,
          kernelExpiry: kernelExpiry(of: pair, modelStart: modelStart, deadline: deadline, kernelStart: kernelStart),
          drift: drift))
    }
    return nil
  }

  private static func kernelStart(_ call: LoggedCall) -> Nanoseconds? { call.measured?.entered ?? call.startedAt }

  /// The earliest the kernel could end a sleep the model ends by its timeout at `deadline`:
  /// in jiffies from the jiffy it entered in (``KernelTolerance/timeoutWindow``), or the
  /// same length after its start for a `poll`'s hrtimer, less the hrtimer's slack.
  private func kernelExpiry(
    of pair: (model: LoggedCall, kernel: LoggedCall), modelStart: Nanoseconds, deadline: Nanoseconds,
    kernelStart: Nanoseconds
  ) -> Nanoseconds {
    guard pair.model.deadlineInJiffies, let measured = pair.kernel.measured else {
      return kernelStart + (deadline - modelStart) - 100_000
    }
    let jiffy = tolerance.jiffy
    let roundUp: Jiffies = tolerance.roundsExpiryUp ? 1 : 0
    return measured.jiffyStart + (deadline / jiffy - modelStart / jiffy + roundUp) * jiffy
  }
}
