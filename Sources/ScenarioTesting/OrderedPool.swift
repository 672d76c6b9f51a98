import Foundation

/// Runs jobs on a fixed number of threads and hands their results back in submission
/// order, each as soon as it and every one before it are done: the report streams, yet its
/// order never depends on which test finished first.
public enum OrderedPool {
  public static func run<Result: Sendable>(
    count: Int, threads: Int, work: @escaping @Sendable (Int) -> Result, deliver: (Int, Result) -> Void
  ) {
    let state = State<Result>(count: count)
    for _ in 0..<min(max(1, threads), count) {
      Thread {
        while let index = state.take() { state.finish(index, work(index)) }
      }.start()
    }
    for index in 0..<count { deliver(index, state.wait(for: index)) }
  }

  /// The next job to hand out and the results so far, behind one condition variable.
  private final class State<Result: Sendable>: @unchecked Sendable {
    private let condition = NSCondition()
    private var next = 0
    private var results: [Result?]

    init(count: Int) { results = Array(repeating: nil, count: count) }

    func take() -> Int? {
      condition.lock()
      defer { condition.unlock() }
      guard next < results.count else { return nil }
      next += 1
      return next - 1
    }

    func finish(_ index: Int, _ result: Result) {
      condition.lock()
      results[index] = result
      condition.broadcast()
      condition.unlock()
    }

    func wait(for index: Int) -> Result {
      condition.lock()
      defer { condition.unlock() }
      while results[index] == nil { condition.wait() }
      return results[index]!
    }
  }
}
