/// One scenario run on both sides: the model (a script, in this process) and the real
/// kernel (the same calls made natively), with what one operation is on each.
struct ComparisonScenario {
  let name: String
  /// What one operation is, and how each side makes it: printed under the table.
  let measures: String
  /// What the scenario must meet, each about one of its figures (none for a scenario that
  /// is there to be compared).
  let targets: [(target: Target, figure: TargetFigure)]
  let model: (ModelTimer) -> SideResult
  let kernel: () -> SideResult

  enum TargetFigure {
    /// Kernel time per operation over the model's.
    case ratio
    /// The model's whole run.
    case modelTotal
  }
}

extension ComparisonScenario {
  /// The scenarios of the comparison table, at `sizes`; `fileLimit` bounds the kernel's
  /// sockets.
  static func all(_ sizes: BenchSizes, fileLimit: Int) -> [ComparisonScenario] {
    let backlogKernel = FileLimit.sockets(wanted: 2 * sizes.backlog.kernel + 1, limit: fileLimit) / 2
    let socketsKernel = FileLimit.sockets(wanted: sizes.sockets.kernel, limit: fileLimit)
    return [
      ComparisonScenario(
        name: "seed",
        measures: """
          samples/seed/seed-line.sock, one run. Model: the whole script in-process (parse, run, \
          1 s of virtual time), the median of runs repeated for at least \
          \(Units.time(sizes.minimumModelTime)). Kernel: the same calls natively; the second \
          connect really waits out its 1 s SO_SNDTIMEO.
          """,
        targets: [(.time(under: 1e6), .modelTotal)],
        model: { $0.measure(ModelScripts.seed, operations: 1) },
        kernel: { SideResult { () throws(Unmeasured) in try KernelSeed.run() } }),
      ComparisonScenario(
        name: "cycle",
        measures: """
          socket + connect + accept + close + close. Model: `server listen 1; repeat N { client c \
          connect; server accept as s; c close; s close }`. Kernel: the same calls in a loop, one thread.
          """,
        targets: [(.modelFaster(atLeast: 10), .ratio)],
        model: { $0.measure(ModelScripts.cycle(sizes.cycle.model), operations: sizes.cycle.model) },
        kernel: { SideResult { () throws(Unmeasured) in try KernelCycle.run(sizes.cycle.kernel) } }),
      ComparisonScenario(
        name: "traced",
        measures: """
          the cycle with its trace on: each of its 5 calls formatted as a trace line and written \
          to a file (as `sockscript run SCRIPT > FILE`). Model: the cycle's script, N smaller \
          (its trace is about 300 bytes per cycle). Kernel: the cycle's loop, untraced. Target: a \
          trace line costs no more than the call it reports.
          """,
        targets: [(.modelFaster(atLeast: 3), .ratio)],
        model: {
          $0.measure(ModelScripts.cycle(sizes.traced.model), operations: sizes.traced.model, output: .traceFile)
        },
        kernel: { SideResult { () throws(Unmeasured) in try KernelCycle.run(sizes.traced.kernel) } }),
      ComparisonScenario(
        name: "pingpong",
        measures: """
          send 1 byte + recv 1 byte on a stream pair. Model: `socketpair a b; repeat N { a send "x" \
          = 1; b recv 1 = "x" }`. Kernel: send/recv in a loop, one thread.
          """,
        targets: [(.modelFaster(atLeast: 10), .ratio)],
        model: { $0.measure(ModelScripts.pingpong(sizes.pingpong.model), operations: sizes.pingpong.model) },
        kernel: { SideResult { () throws(Unmeasured) in try KernelData.run(sizes.pingpong.kernel, size: 1) } }),
      ComparisonScenario(
        name: "bulk",
        measures: """
          send 64 KiB + recv 64 KiB on a stream pair (16384 of them move 1 GiB). Model: `repeat N { \
          a send 64KiB dontwait; b recv 64KiB dontwait }` (the model counts bytes, it does not copy \
          them). Kernel: the same calls, one thread, the bytes copied for real.
          """,
        targets: [],
        model: { $0.measure(ModelScripts.bulk(sizes.bulk.model), operations: sizes.bulk.model) },
        kernel: { SideResult { () throws(Unmeasured) in try KernelData.run(sizes.bulk.kernel, size: 65536) } }),
      ComparisonScenario(
        name: "wakeup",
        measures: """
          a client asleep on a full backlog (listen 0), woken by an accept. Model: the whole script, \
          N × `client c$i connect &` then N × `server accept as s = ok; s close` (sockets, sleeps, \
          accepts, wakeups; each accepted socket closed, as process 1's RLIMIT_NOFILE is 1048576). Kernel: one thread per client; the clock runs only from when all N sleep until \
          the N accepts and the N woken connects have returned (less work per op than the model's).
          """,
        targets: [],
        model: { $0.measure(ModelScripts.wakeup(sizes.wakeup.model), operations: sizes.wakeup.model) },
        kernel: { SideResult { () throws(Unmeasured) in try KernelWakeup.run(sizes.wakeup.kernel) } }),
      ComparisonScenario(
        name: "eventloop",
        measures: """
          one client served by an epoll event loop: 64 clients connected to one listener, their \
          accepted sockets watched by one instance; a turn is every client's 1-byte send, one \
          epoll_wait that reports all 64, and a recv per socket, all in the loop's one thread. \
          Model: `repeat N/64 { repeat 64 as i { c$i send "x" = 1 }; e epoll_wait 64 = 64; repeat \
          64 as i { e: s$i recv 1 = "x" } }`. Kernel: the same calls, one thread.
          """,
        targets: [],
        model: {
          $0.measure(
            ModelScripts.eventLoop(sizes.eventLoop.model),
            operations: ModelScripts.eventLoopOperations(sizes.eventLoop.model))
        },
        kernel: {
          SideResult { () throws(Unmeasured) in
            try KernelEventLoop.run(sizes.eventLoop.kernel, clients: ModelScripts.eventLoopClients)
          }
        }),
      ComparisonScenario(
        name: "backlog",
        measures: """
          a connection queued on a deep backlog and accepted: socket + fcntl(O_NONBLOCK) + connect, \
          later accept; the clients kept open. Model: `sysctl net.core.somaxconn N; server listen N`, \
          then N × `client c$i nonblock connect`, N × `server accept as s = ok; s close` (process \
          1's RLIMIT_NOFILE, 1048576, holds the N clients, not N more accepted sockets). Kernel: the same calls, in \
          a private network namespace with somaxconn = N; the descriptor limit bounds N. Target: \
          a scenario with a million connections runs in a second or two.
          """,
        targets: [(.modelFaster(atLeast: 10), .ratio), (.time(under: 2e9), .modelTotal)],
        model: { $0.measure(ModelScripts.backlog(sizes.backlog.model), operations: sizes.backlog.model) },
        kernel: { SideResult { () throws(Unmeasured) in try KernelBacklog.run(backlogKernel) } }),
      ComparisonScenario(
        name: "prefork",
        measures: """
          a pre-fork server's connection: a child forked to accept on the inherited listener, \
          woken by a connect, then exited and reaped. Model: `repeat N as i { fork w$i; w$i: \
          server accept & }`, N connects, N × `w$i: exit 0; waitpid w$i`. Kernel: the same with \
          fork(2), each child accepting once and exiting; the clock runs from the first fork to \
          the last reap.
          """,
        targets: [],
        model: { $0.measure(ModelScripts.prefork(sizes.prefork.model), operations: sizes.prefork.model) },
        kernel: { SideResult { () throws(Unmeasured) in try KernelPrefork.run(sizes.prefork.kernel) } }),
      ComparisonScenario(
        name: "sockets",
        measures: """
          a socket made and kept open, as N / 2 stream pairs. Model: `repeat N/2 as i { socketpair \
          a$i b$i }`. Kernel: socketpair in a loop; the descriptor limit bounds N.
          """,
        targets: [(.modelFaster(atLeast: 10), .ratio)],
        model: { $0.measure(ModelScripts.sockets(sizes.sockets.model), operations: sizes.sockets.model) },
        kernel: { SideResult { () throws(Unmeasured) in try KernelSockets.run(socketsKernel) } }),
    ]
  }
}
