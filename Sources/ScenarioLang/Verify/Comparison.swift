import SockKernel
import SyscallVocabulary

/// One way the kernel and the model disagree about a call.
public struct Divergence: Sendable, Equatable {
  /// Where the script made the call (nil for the run as a whole).
  public let location: SourceLocation?
  /// `c1 connect`.
  public let call: String
  /// What differs: `result`, `blocking`, `time`, `presence`, `exit status`.
  public let aspect: String
  public let model: String
  public let kernel: String
  /// For a `time` divergence where the kernel returned after the window's end, by how
  /// much: what a loaded machine does to a sleep now and then, which `verify` runs the
  /// kernel again for. Nil for every other divergence.
  public var kernelLateBy: Nanoseconds?
}

/// Compares the calls of a model run with those of a kernel run of the same script.
///
/// Calls are paired by where the script made them and how many times that spot ran, so a
/// `# model-only:` line shifts nothing. For each pair: the result (value, errno, timeval),
/// whether the call slept, and when it returned, within ``KernelTolerance``. A result that
/// differs is accepted, with its sleep and time, where the call's expectation accepts both
/// (``bothAccepted(_:_:)``). Who was woken and in what order follows from these: a woken
/// call returns at its waker's time, one left asleep returns at its own timeout or never. The order of calls that return within
/// one tolerance window of each other is not compared: real threads race there.
public struct Comparison: Sendable {
  public let tolerance: KernelTolerance
  /// Lines marked `# model-only:` or `# kernel-only:`: their calls are not compared.
  public let sideOnlyLines: Set<Int>

  public init(tolerance: KernelTolerance, sideOnlyLines: Set<Int> = []) {
    self.tolerance = tolerance
    self.sideOnlyLines = sideOnlyLines
  }

  public func divergences(
    model: CallLog, modelStatus: ExitStatus, kernel: CallLog, kernelStatus: ExitStatus
  ) -> [Divergence] {
    var found: [Divergence] = []
    let modelCalls = keyed(model.calls)
    let kernelCalls = keyed(kernel.calls)
    let kernelByKey = Dictionary(kernelCalls.map { ($0.key, $0.call) }, uniquingKeysWith: { first, _ in first })
    let modelKeys = Set(modelCalls.map(\.key))
    let paired = modelCalls.compactMap { key, call in kernelByKey[key].map { (call, $0) } }
    let drifts = DriftTable(pairs: paired)
    let names = AutobindNames(pairs: paired)
    for (key, call) in modelCalls where !sideOnlyLines.contains(call.location.line) {
      guard let other = kernelByKey[key] else {
        found.append(
          Divergence(
            location: call.location, call: "\(call.actor) \(call.name)", aspect: "presence",
            model: "called", kernel: "not called"))
        continue
      }
      found += compare(call, other, drifts: drifts, names: names)
    }
    for (key, call) in kernelCalls where !modelKeys.contains(key) && !sideOnlyLines.contains(call.location.line) {
      found.append(
        Divergence(
          location: call.location, call: "\(call.actor) \(call.name)", aspect: "presence",
          model: "not called", kernel: "called"))
    }
    if modelStatus != kernelStatus {
      found.append(
        Divergence(
          location: nil, call: "the run", aspect: "exit status",
          model: Self.describe(modelStatus), kernel: Self.describe(kernelStatus)))
    }
    return found
  }

  /// The calls made on both sides, paired by place and occurrence, in the model's order;
  /// side-only lines left out.
  func pairs(model: CallLog, kernel: CallLog) -> [(model: LoggedCall, kernel: LoggedCall)] {
    let kernelByKey = Dictionary(keyed(kernel.calls).map { ($0.key, $0.call) }, uniquingKeysWith: { first, _ in first })
    return keyed(model.calls).compactMap { key, call in
      guard !sideOnlyLines.contains(call.location.line), let other = kernelByKey[key] else { return nil }
      return (call, other)
    }
  }

  private struct Key: Hashable {
    let offset: Int
    let name: String
    let occurrence: Int
  }

  private func keyed(_ calls: [LoggedCall]) -> [(key: Key, call: LoggedCall)] {
    var seen: [Key: Int] = [:]
    return calls.map { call in
      let base = Key(offset: call.location.offset, name: call.name, occurrence: 0)
      let n = seen[base, default: 0]
      seen[base] = n + 1
      return (Key(offset: call.location.offset, name: call.name, occurrence: n), call)
    }
  }

  private func compare(
    _ model: LoggedCall, _ kernel: LoggedCall, drifts: DriftTable, names: AutobindNames
  ) -> [Divergence] {
    let name = "\(model.actor) \(model.name)"
    var found: [Divergence] = []
    let modelResult = Self.describe(model.outcome)
    let kernelResult = Self.describe(kernel.outcome.map(names.renamed))
    // Two results the script accepts are two ways the call may go: whether it slept and
    // when it returned follow from which (woken by an accept at once, or timed out later).
    if modelResult != kernelResult && Self.bothAccepted(model, kernel) { return [] }
    if modelResult != kernelResult {
      found.append(
        Divergence(location: model.location, call: name, aspect: "result", model: modelResult, kernel: kernelResult))
    }
    if model.blocked != kernel.blocked {
      found.append(
        Divergence(
          location: model.location, call: name, aspect: "blocking",
          model: model.blocked ? "slept" : "did not sleep", kernel: kernel.blocked ? "slept" : "did not sleep"))
    }
    if let modelTime = model.returnedAt, let kernelTime = kernel.returnedAt {
      let window = self.window(model, kernel, returnedAt: modelTime, drifts: drifts)
      if let window, !window.contains(kernelTime) {
        found.append(
          Divergence(
            location: model.location, call: name, aspect: "time",
            model: "returned at \(TraceFormatter.time(modelTime))",
            kernel:
              "returned at \(TraceFormatter.time(kernelTime)) (allowed \(TraceFormatter.time(window.lowerBound))…\(TraceFormatter.time(window.upperBound)))",
            kernelLateBy: kernelTime > window.upperBound ? kernelTime - window.upperBound : nil))
      }
    }
    return found
  }

  /// Whether the call's expectation accepts several results (`= 0 or EAGAIN`, `>= 1`,
  /// `= ok`) and each side's is one of them: the script says either may happen, so a
  /// different result is no divergence, nor are the sleep and the time that come with it.
  /// (Equal results are compared in full; a side whose result the expectation rejects
  /// fails its run.)
  static func bothAccepted(_ model: LoggedCall, _ kernel: LoggedCall) -> Bool {
    guard let expectation = model.expectation, expectation.acceptsSeveral,
      let modelOutcome = model.outcome, let kernelOutcome = kernel.outcome
    else { return false }
    return expectation.holds(for: modelOutcome) && expectation.holds(for: kernelOutcome)
  }

  /// When the kernel may return a call that the model returns at `modelTime`: by the
  /// kernel's jiffies for a call its own timeout ends, after the measured drift otherwise.
  private func window(
    _ model: LoggedCall, _ kernel: LoggedCall, returnedAt modelTime: Nanoseconds, drifts: DriftTable
  ) -> ClosedRange<Nanoseconds>? {
    guard let modelStart = model.startedAt else { return nil }
    let causeDrift = drifts.largest(startedBy: modelTime)
    guard let measured = kernel.measured else {
      // Without the thread's measurements: the driver's start time, and the timeout's phase unknown.
      guard let kernelStart = kernel.startedAt else { return nil }
      return tolerance.window(
        modelTime: modelTime, drift: kernelStart - modelStart, causeDrift: causeDrift, ownTimeout: model.timedOutAfter)
    }
    if let lastSleep = model.timedOutAfter {
      return tolerance.timeoutWindow(
        modelStart: modelStart, modelReturn: modelTime, lastSleep: lastSleep, measured: measured)
    }
    return tolerance.window(
      modelTime: modelTime, drift: measured.entered - modelStart, causeDrift: causeDrift,
      runDelay: measured.runDelay)
  }

  static func describe(_ outcome: SyscallOutcome?) -> String {
    guard let outcome else { return "never returned" }
    var text = outcome.errno.map { "= -1 \($0.name)" } ?? "= \(outcome.value)"
    if let tv = outcome.timeval { text += ", \(tv)" }
    if let data = outcome.data { text += ", " + TraceFormatter.data(data) }
    if let sender = outcome.sender { text += ", from \(sender.display)" }
    if let cred = outcome.peerCred { text += ", \(cred)" }
    if let name = outcome.name { text += ", name \(TraceFormatter.sockName(name)) of \(name.length) bytes" }
    if let value = outcome.optionValue { text += ", [\(value)]" }
    if let length = outcome.optionLength { text += " of \(length) bytes" }
    if let revents = outcome.revents {
      text += ", [" + revents.map(TraceFormatter.events).joined(separator: ", ") + "]"
    }
    if let pair = outcome.pair { text += ", [\(pair.fds.0), \(pair.fds.1)]" }
    if let events = outcome.epollEvents { text += ", " + TraceFormatter.epollEvents(events) }
    if let batch = outcome.batch {
      text +=
        ", messages ["
        + batch.map { entry in
          "\(entry.length)" + (entry.data.map { " " + TraceFormatter.data($0) } ?? "")
            + (entry.message.map { " " + describe($0) } ?? "")
        }.joined(separator: ", ") + "]"
    }
    if let message = outcome.message { text += ", " + describe(message) }
    if let signal = outcome.raised { text += ", raises \(signal)" }
    if let owner = outcome.owner { text += ", the tid of task \(owner.rawValue)" }
    return text
  }

  /// `msg_flags MSG_TRUNC, msg_controllen 24, rights [5]`: what a receive wrote back.
  static func describe(_ message: ReceivedMessage) -> String {
    var text = "msg_flags \(message.flags), msg_controllen \(message.controlLength)"
    if let credentials = message.credentials { text += ", SCM_CREDENTIALS \(credentials)" }
    if !message.rights.isEmpty { text += ", rights [" + message.rights.map { "\($0)" }.joined(separator: ", ") + "]" }
    if let pidfd = message.pidfd { text += ", SCM_PIDFD \(pidfd)" }
    if let inq = message.inq { text += ", SCM_INQ \(inq)" }
    return text
  }

  static func describe(_ status: ExitStatus) -> String {
    switch status {
    case .ok: "0 (ok)"
    case .expectationFailed: "1 (an expectation failed)"
    case .blockedForever: "2 (blocks forever)"
    case .killedBySignal: "3 (killed by a signal)"
    case .usage: "64 (usage)"
    case .scriptError: "65 (script error)"
    case .ioError: "74 (I/O error)"
    case .internalError: "70 (internal error)"
    }
  }
}
