import ScenarioLang

/// The model session `run` finished last, kept until the process exits. Freeing a run's
/// sockets one by one is a quarter of the time of a script that leaves many of them open
/// (callgrind: 12 000 instructions per socket pair), and the exit gives the memory back at
/// once. The one before is freed when the next file runs, so memory stays one run's. A kernel
/// backend's session is not kept: it has released what it holds in `finish`.
enum FinishedRun {
  nonisolated(unsafe) static var session: ScenarioSession?
}
