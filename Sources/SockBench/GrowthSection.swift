/// The third table: the model's time per operation as one dimension grows from a thousand
/// to a million, so that what does not stay flat shows. Model only: the kernel's limits
/// (descriptors, threads) stop far short of a million.
struct GrowthSection {
  let sizes: [Int]
  let timer: ModelTimer
  let progress: BenchProgress

  private struct Dimension {
    let name: String
    let perOperation: String
    let script: (Int) -> String
    /// The run draws JSON and SVG timelines of itself.
    var timelines = false
  }

  private let dimensions = [
    Dimension(
      name: "backlog depth", perOperation: "a nonblocking connect queued on one listener, later accepted",
      script: ModelScripts.backlog),
    Dimension(
      name: "waiters", perOperation: "a connect asleep on one full backlog, woken by an accept",
      script: ModelScripts.wakeup),
    Dimension(name: "sockets", perOperation: "a socket kept open (stream pairs)", script: ModelScripts.sockets),
    Dimension(
      name: "epoll items",
      perOperation: """
        an idle socket added to one epoll instance (N/2 pairs), and a turn of the event loop \
        (send, epoll_wait, recv) on one more pair beside them all
        """,
      script: ModelScripts.epollItems),
    Dimension(
      name: "timers",
      perOperation: """
        a client asleep on a full backlog with its own SO_SNDTIMEO expiry (armed 4 ms after the \
        one before, by a `sleep`), all pending at once, then all timing out
        """,
      script: ModelScripts.timers),
    Dimension(
      name: "timeline",
      perOperation: """
        a pingpong turn (send + recv) drawn into a JSON and an SVG timeline (`--timeline`): the \
        trace's events made, two call slices written to each file; the SVG's through its spool
        """,
      script: ModelScripts.pingpong, timelines: true),
  ]

  func run() -> (text: String, failed: Bool) {
    let headers =
      ["dimension"] + sizes.map { "N=\(Units.count($0))" } + ["\(Units.count(sizes.last!))/\(Units.count(sizes[0]))"]
    var table = TextTable(headers)
    var notes = Footnotes()
    var failed = false
    for dimension in dimensions {
      var cells = [dimension.name]
      var perOperation: [Double] = []
      for n in sizes {
        progress.say("\(dimension.name), N=\(Units.count(n))")
        switch timer.measure(dimension.script(n), operations: n, output: dimension.timelines ? .timelines : .quiet) {
        case .success(let measurement):
          perOperation.append(measurement.nanosecondsPerOperation)
          cells.append("\(Units.fixed(measurement.nanosecondsPerOperation, decimals: 0)) ns")
        case .failure(let why):
          failed = failed || why.isFailure
          cells.append("n/a " + notes.add("\(dimension.name), N=\(n): \(why.reason)"))
        }
      }
      let growth = perOperation.count == sizes.count ? Units.ratio(perOperation.last! / perOperation[0]) : "-"
      table.add(cells + [growth])
    }
    var text = table.render() + "\n" + notes.render()
    text += "Time per op in ns (a run's wall time / N); the last column is how much an op slows from\n"
    text += "the smallest N to the largest (1.00× is flat). One op is:\n"
    for dimension in dimensions { text += Wrapping.hanging(dimension.name, dimension.perOperation, indent: 15) }
    return (text, failed)
  }
}
