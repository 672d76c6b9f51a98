import ArgumentParser
import ScenarioLang
import SockLinux

extension BackendKind: ExpressibleByArgument {}

/// Options of runs on the real kernel, shared by `run --backend linux` and `verify`.
struct KernelOptions: ParsableArguments {
  @Option(
    help: ArgumentHelp(
      "Scheduling slack added to every time window on the kernel, in milliseconds.", valueName: "MS"))
  var slack: Int64 = 10

  @Option(
    help: ArgumentHelp(
      "Stop a kernel run after this many seconds of real time (a hung run is reported as blocked).",
      valueName: "SECONDS"))
  var timeLimit: Int64 = 60

  func validate() throws {
    if !(0...10_000).contains(slack) { throw ValidationError("--slack must be between 0 and 10000 ms") }
    if !(1...86_400).contains(timeLimit) { throw ValidationError("--time-limit must be between 1 and 86400 s") }
  }

  var backendOptions: LinuxBackend.Options {
    var options = LinuxBackend.Options()
    options.slack = slack * 1_000_000
    options.timeLimit = timeLimit * 1_000_000_000
    return options
  }
}
