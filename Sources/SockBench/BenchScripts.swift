/// The model scripts of the comparison table, by scenario name, as `sockscript bench --script`
/// prints them: the very text that ``ModelScripts`` gives the bench, so that a script can be
/// run, or counted with callgrind (tools/callgrind/ops.py), outside the bench.
public enum BenchScripts {
  /// The scenarios of the comparison table that have a model script, in the table's order.
  /// `traced` is the cycle's script, which the bench runs with its trace on.
  public static let names = [
    "seed", "cycle", "traced", "pingpong", "bulk", "wakeup", "eventloop", "backlog", "prefork", "sockets",
  ]

  /// The N the full bench runs scenario `name` at on the model; nil for an unknown name.
  /// `seed` has no size: it is one run of the seed sample.
  public static func fullSize(of name: String) -> Int? {
    let sizes = BenchSizes.full
    return switch name {
    case "seed": 1
    case "cycle": sizes.cycle.model
    case "traced": sizes.traced.model
    case "pingpong": sizes.pingpong.model
    case "bulk": sizes.bulk.model
    case "wakeup": sizes.wakeup.model
    case "eventloop": sizes.eventLoop.model
    case "backlog": sizes.backlog.model
    case "prefork": sizes.prefork.model
    case "sockets": sizes.sockets.model
    default: nil
    }
  }

  /// The script the bench runs on the model for scenario `name` at size `size`, and the
  /// operations that run counts (what its time is divided by); nil for an unknown name.
  /// `seed`'s script has no size and is one operation.
  public static func modelScript(named name: String, size: Int) -> (script: String, operations: Int)? {
    switch name {
    case "seed": (ModelScripts.seed, 1)
    case "cycle", "traced": (ModelScripts.cycle(size), size)
    case "pingpong": (ModelScripts.pingpong(size), size)
    case "bulk": (ModelScripts.bulk(size), size)
    case "wakeup": (ModelScripts.wakeup(size), size)
    case "eventloop": (ModelScripts.eventLoop(size), ModelScripts.eventLoopOperations(size))
    case "backlog": (ModelScripts.backlog(size), size)
    case "prefork": (ModelScripts.prefork(size), size)
    case "sockets": (ModelScripts.sockets(size), size)
    default: nil
    }
  }
}
