/// The first table: each scenario on the model and on the real kernel, side by side.
struct ComparisonSection {
  let scenarios: [ComparisonScenario]
  let timer: ModelTimer
  /// The model's memory for the `sockets` scenario, measured beforehand (see SocketMemory).
  let memory: Result<SocketMemory, Unmeasured>?
  let progress: BenchProgress

  /// Runs every scenario and returns the section's text, and whether one ran wrongly.
  func run() -> (text: String, failed: Bool) {
    var table = TextTable([
      "scenario", "model N", "model", "model/op", "kernel N", "kernel", "kernel/op", "ratio", "target", "result",
    ])
    var notes = Footnotes()
    var failed = false
    for scenario in scenarios {
      progress.say(scenario.name + " (model)")
      let model = scenario.model(timer)
      progress.say(scenario.name + " (kernel)")
      let kernel = scenario.kernel()
      failed = failed || model.isFailure || kernel.isFailure
      table.add(row(scenario, model: model, kernel: kernel, notes: &notes))
    }
    if let memory {
      failed = failed || memory.isFailure
      table.add(memoryRow(memory, notes: &notes))
    }
    var text = table.render() + "\n"
    text += "ratio: kernel time per op / model time per op (how many times faster the model is).\n"
    text += notes.render()
    text += "\nWhat one op is, on each side:\n"
    for scenario in scenarios { text += Wrapping.hanging(scenario.name, scenario.measures) }
    if memory != nil {
      text += Wrapping.hanging(
        "memory",
        """
        peak RSS (wait4's ru_maxrss) of a child `sockscript run --quiet` of the sockets script; \
        per op: bytes per socket above the peak RSS of a one-line script. Target: 1M sockets in \
        under 400 MiB.
        """)
    }
    return (text, failed)
  }

  private func row(_ scenario: ComparisonScenario, model: SideResult, kernel: SideResult, notes: inout Footnotes)
    -> [String]
  {
    let modelCells = cells(model, side: "\(scenario.name), model", notes: &notes)
    let kernelCells = cells(kernel, side: "\(scenario.name), kernel", notes: &notes)
    var ratio: Double?
    if case .success(let m) = model, case .success(let k) = kernel {
      ratio = k.nanosecondsPerOperation / m.nanosecondsPerOperation
    }
    let verdicts = scenario.targets.map { target, figure in
      let checked: Double? =
        switch figure {
        case .ratio: ratio
        case .modelTotal: (try? model.get())?.total.nanoseconds
        }
      return target.verdict(checked)
    }
    let labels = scenario.targets.map(\.target.label)
    return [scenario.name] + modelCells + kernelCells + [
      ratio.map(Units.ratio) ?? "-", labels.isEmpty ? "-" : labels.joined(separator: ", "),
      verdicts.joined(separator: ", "),
    ]
  }

  /// N, total time and time per op of one side, or why there are none.
  private func cells(_ result: SideResult, side: String, notes: inout Footnotes) -> [String] {
    switch result {
    case .success(let measurement):
      [
        Units.count(measurement.operations), Units.time(measurement.total),
        Units.time(nanoseconds: measurement.nanosecondsPerOperation),
      ]
    case .failure(let why):
      ["-", "n/a " + notes.add("\(side): \(why.isFailure ? "FAILED: " : "")\(why.reason)"), "-"]
    }
  }

  private func memoryRow(_ memory: Result<SocketMemory, Unmeasured>, notes: inout Footnotes) -> [String] {
    let kernel = [
      "-", "n/a " + notes.add("memory, kernel: a socket's memory is the kernel's, not in any process's RSS"), "-",
    ]
    let target = Target.memory(under: Double(400 << 20))
    switch memory {
    case .success(let memory):
      return ["memory", Units.count(memory.sockets), Units.bytes(Double(memory.peakBytes))]
        + [Units.bytes(memory.bytesPerSocket)] + kernel
        + ["-", target.label, target.verdict(Double(memory.peakBytes))]
    case .failure(let why):
      return ["memory", "-", "n/a " + notes.add("memory, model: \(why.reason)"), "-"] + kernel
        + ["-", target.label, "n/a"]
    }
  }
}
