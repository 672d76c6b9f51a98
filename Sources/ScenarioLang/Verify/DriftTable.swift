import SockKernel
import SyscallVocabulary

extension Comparison {
  /// The drift of every paired call, by the model's start time, for the largest drift of
  /// the calls started by a given model time (a binary search over a running maximum).
  ///
  /// A call's drift is how far behind the model its thread entered it, plus the time the
  /// thread then waited for a CPU: a waker preempted before its wake-up wakes that much later.
  struct DriftTable {
    private var starts: [Nanoseconds] = []
    private var runningMax: [Nanoseconds] = []

    init(pairs: [(model: LoggedCall, kernel: LoggedCall)]) {
      let drifts = pairs.compactMap { pair -> (Nanoseconds, Nanoseconds)? in
        guard let m = pair.model.startedAt else { return nil }
        if let measured = pair.kernel.measured { return (m, measured.entered + measured.runDelay - m) }
        guard let k = pair.kernel.startedAt else { return nil }
        return (m, k - m)
      }.sorted { $0.0 < $1.0 }
      var largest = Nanoseconds.min
      for (start, drift) in drifts {
        largest = max(largest, drift)
        starts.append(start)
        runningMax.append(largest)
      }
    }

    func largest(startedBy time: Nanoseconds) -> Nanoseconds {
      var low = 0
      var high = starts.count
      while low < high {
        let mid = (low + high) / 2
        if starts[mid] <= time { low = mid + 1 } else { high = mid }
      }
      return low == 0 ? 0 : runningMax[low - 1]
    }
  }
}
