import ScenarioLang

/// The model's memory for many sockets alive at once, measured in a child process
/// (`sockscript run --quiet` of the `sockets` script) so that the bench's own memory does
/// not count: its peak resident set, and per socket over the baseline of a one-line script.
///
/// Measure it before anything big runs in the bench: posix_spawn starts the child as a
/// vfork of this process, and exec records this process's peak RSS as the child's
/// (`exec_mmap`), so the child's ru_maxrss is its own only while this process is small.
struct SocketMemory {
  let sockets: Int
  let peakBytes: Int
  let baselineBytes: Int

  var bytesPerSocket: Double { Double(max(peakBytes - baselineBytes, 0)) / Double(max(sockets, 1)) }

  static func measure(_ n: Int, executable: String) -> Result<SocketMemory, Unmeasured> {
    Result { () throws(Unmeasured) in
      let baseline = try SpawnedRun.run(executable, ["run", "--quiet", "-e", "server listen 0"])
        .checked("sockscript run -e 'server listen 0'")
      let limits = ["--max-sockets", String(ModelTimer.limits.maxSockets), "--max-statements", String(Int.max)]
      let run = try SpawnedRun.run(executable, ["run", "--quiet"] + limits + ["-e", ModelScripts.sockets(n)])
        .checked("sockscript run --quiet (the sockets script)")
      if let own = ownPeakBytes, own >= run.peakResidentBytes {
        throw .unavailable(
          "the child's peak RSS is not above the bench's own (\(Units.bytes(Double(own)))), which counts as the "
            + "child's: too few sockets to tell, or measured too late")
      }
      return SocketMemory(
        sockets: n / 2 * 2, peakBytes: run.peakResidentBytes, baselineBytes: baseline.peakResidentBytes)
    }
  }

  /// This process's peak RSS so far (`VmHWM` of /proc/self/status), nil when unknown.
  private static var ownPeakBytes: Int? {
    guard let bytes = FileBytes.read("/proc/self/status") else { return nil }
    let status = String(decoding: bytes, as: UTF8.self)
    guard let line = status.split(separator: "\n").first(where: { $0.hasPrefix("VmHWM:") }),
      let kib = Int(line.filter(\.isNumber))
    else { return nil }
    return kib * 1024
  }
}
