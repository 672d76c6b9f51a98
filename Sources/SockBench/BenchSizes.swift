/// How big each scenario runs: the full sizes measure the targets of issue 8 (a million
/// of everything on the model, what a real kernel does in a second or so); the quick ones
/// only show that every scenario runs, in a few seconds even from a debug build.
struct BenchSizes {
  /// Model and kernel N of one scenario.
  struct Pair {
    let model: Int
    let kernel: Int
  }

  let cycle: Pair
  /// The cycle with its trace written to a file.
  let traced: Pair
  let pingpong: Pair
  /// 64 KiB transfers: 16384 of them move 1 GiB.
  let bulk: Pair
  let wakeup: Pair
  /// Event-loop turns: send, epoll_wait, recv.
  let eventLoop: Pair
  let backlog: Pair
  let sockets: Pair
  /// Forked accepters: a real fork costs the kernel a process.
  let prefork: Pair
  /// Sockets alive in the child whose memory is measured: enough that its peak stands out
  /// from the bench's own, which a child's peak RSS includes (SocketMemory).
  let memorySockets: Int
  /// The N of each column of the growth table.
  let growth: [Int]
  /// Runs of each whole-process command; the median is reported.
  let processRuns: Int
  /// What `sockscript test` runs in the whole-process table.
  let corpus: String
  /// Short model runs repeat until they add up to this, for a steady median.
  let minimumModelTime: Duration

  static let full = BenchSizes(
    cycle: Pair(model: 1_000_000, kernel: 100_000),
    traced: Pair(model: 100_000, kernel: 100_000),
    pingpong: Pair(model: 1_000_000, kernel: 200_000),
    bulk: Pair(model: 16384, kernel: 16384),
    // A sleeping connect needs a thread of its own on the kernel.
    wakeup: Pair(model: 1_000_000, kernel: 1000),
    eventLoop: Pair(model: 1_000_000, kernel: 200_000),
    // The descriptor limit bounds the kernel side (see FileLimit).
    backlog: Pair(model: 1_000_000, kernel: 10_000),
    sockets: Pair(model: 1_000_000, kernel: 10_000),
    prefork: Pair(model: 100_000, kernel: 500),
    memorySockets: 1_000_000,
    growth: [1000, 10_000, 100_000, 1_000_000],
    processRuns: 10,
    corpus: "samples",
    minimumModelTime: .milliseconds(200))

  static let quick = BenchSizes(
    cycle: Pair(model: 1000, kernel: 1000),
    traced: Pair(model: 1000, kernel: 1000),
    pingpong: Pair(model: 1000, kernel: 1000),
    bulk: Pair(model: 64, kernel: 64),
    wakeup: Pair(model: 1000, kernel: 100),
    eventLoop: Pair(model: 1000, kernel: 1000),
    backlog: Pair(model: 1000, kernel: 1000),
    sockets: Pair(model: 1000, kernel: 1000),
    prefork: Pair(model: 200, kernel: 50),
    memorySockets: 20_000,
    growth: [100, 1000],
    processRuns: 3,
    corpus: "samples/seed",
    minimumModelTime: .milliseconds(20))
}
