import SockKernel
import SyscallVocabulary

/// The model as a backend: every call of the protocol is the kernel's own.
public final class ModelBackend: ScenarioBackend {
  public let kernel: Kernel
  public var kind: BackendKind { .model }
  /// The model's events are the observer's, stamped with the virtual time they happen at:
  /// the kernel calls the observer itself, rather than through this backend's property on
  /// every event.
  public var onEvent: ((KernelEvent, Nanoseconds) -> Void)? {
    didSet {
      guard let observer = onEvent else { return kernel.onEvent = nil }
      // The kernel holds this closure, so it never outlives the kernel: unchecked, where a
      // checked unowned reference cost a strong retain and release per event.
      kernel.onEvent = { [unowned(unsafe) kernel] event in observer(event, kernel.now) }
    }
  }

  public init(config: KernelConfig = KernelConfig()) {
    kernel = Kernel(config: config)
    for signal in SignalHandlers.restarting { kernel.sigaction(signal, saRestart: true) }
  }

  /// The model's clock stops at `instant`: a timer due later ends the run with
  /// ``RunStop/timeLimit(_:)``.
  public func limitVirtualTime(to instant: Nanoseconds) { kernel.timeLimit = instant }

  public var now: Nanoseconds { kernel.now }
  public func spawn(name: String) -> TaskID { kernel.spawn(name: name) }
  public func spawn(name: String, alongside task: TaskID) -> TaskID { kernel.spawn(name: name, alongside: task) }
  public func name(of task: TaskID) -> String { kernel.name(of: task) }
  public func ignoreSignal(_ signal: Signal, in task: TaskID) { kernel.ignoreSignal(signal, task: task) }
  public func catchSignal(_ signal: Signal, restart: Bool, in task: TaskID) {
    kernel.catchSignal(signal, saRestart: restart, task: task)
  }
  public func submit(_ task: TaskID, tag: Int, _ make: @escaping () -> Syscall) { kernel.submit(task, tag: tag, make) }
  public func submit(_ task: TaskID, tag: Int, syscall: consuming Syscall) {
    kernel.submit(task, tag: tag, syscall: syscall)
  }
  public func startsAtOnce(_ task: TaskID) -> Bool { kernel.startsAtOnce(task) }
  public func isIdle(_ task: TaskID) -> Bool { kernel.isIdle(task) }
  public func queuedCalls(_ task: TaskID) -> Int { kernel.queuedCalls(task) }
  public func run(until condition: () -> Bool) -> RunStop { kernel.run(until: condition) }
  public func halt() { kernel.halt() }
  public func setAlarm(at instant: Nanoseconds) -> AlarmID { kernel.setAlarm(at: instant) }
  public func hasFired(_ alarm: AlarmID) -> Bool { kernel.hasFired(alarm) }
  /// Virtual time is exact.
  public func timeAgrees(expected: Nanoseconds, actual: Nanoseconds) -> Bool { expected == actual }
  public func shutDown() {}
  /// The model stalls only when every call left sleeps for good.
  public var stopReason: String? { nil }

  public func socketTable() -> (sockets: [SocketSnapshot], clock: VirtualClock) {
    (kernel.socketTable(), kernel.clock)
  }

  public func sleepingCalls() -> [SleepingCall] {
    kernel.sleepingTasks().map { SleepingCall(task: $0.task, call: $0.call, queues: $0.queues) }
  }
}
