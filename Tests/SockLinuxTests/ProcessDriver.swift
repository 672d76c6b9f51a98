#if canImport(Glibc)
  import Foundation
  import Glibc
  import ScenarioLang
  import SyscallVocabulary
  import Testing

  @testable import SockLinux

  /// The suites that make kernel runs, one run at a time: a run changes the test process's
  /// working directory (its sandbox) and network namespace.
  @Suite(.serialized) struct KernelRuns {}

  /// A kernel run driven call by call, as the session drives it, with what it reported.
  final class ProcessDriver {
    let backend: LinuxBackend
    private(set) var events: [KernelEvent] = []
    /// When each event happened, in the same order.
    private(set) var times: [Nanoseconds] = []
    private var nextTag = 0

    /// `$SOCKSCRIPT_BIN`, or the backend's default: the sockscript built next to the test
    /// runner (a forked child execs it as its host; the test runner is not sockscript).
    static var hostExecutable: String {
      ProcessInfo.processInfo.environment["SOCKSCRIPT_BIN"] ?? ProcessHost.defaultExecutable
    }

    init(options given: LinuxBackend.Options? = nil) throws {
      var options = given ?? LinuxBackend.Options()
      if given == nil { options.hostExecutable = Self.hostExecutable }
      options.timeLimit = 20_000_000_000
      backend = try LinuxBackend(options: options)
      backend.onEvent = { [unowned self] event, time in
        events.append(event)
        times.append(time)
      }
    }

    /// Submits `call` and lets the run go until `task` is idle or everything sleeps; the
    /// tag, to look its return up.
    @discardableResult
    func submit(_ task: TaskID, _ call: Syscall) -> Int {
      nextTag += 1
      backend.submit(task, tag: nextTag) { call }
      _ = backend.run { true }
      return nextTag
    }

    /// Makes `call` and waits for its return (nil: it did not return).
    @discardableResult
    func call(_ task: TaskID, _ call: Syscall) -> SyscallOutcome? {
      let tag = submit(task, call)
      _ = backend.run { self.backend.isIdle(task) }
      return outcome(tag)
    }

    /// Runs until everything left sleeps, or `condition` holds.
    func settle(until condition: @escaping () -> Bool = { false }) {
      _ = backend.run(until: condition)
    }

    func outcome(_ tag: Int) -> SyscallOutcome? {
      for case .returned(let record, let outcome, _) in events where record.tag == tag { return outcome }
      return nil
    }

    var endings: [(pid: Int32, tasks: [TaskID], end: ProcessEnd)] {
      events.compactMap {
        if case .processEnded(let pid, let tasks, let end) = $0 { (pid, tasks, end) } else { nil }
      }
    }

    /// Where the event of `tag`'s return is in the order of events.
    func indexOfReturn(_ tag: Int) -> Int? {
      events.firstIndex {
        if case .returned(let record, _, _) = $0 { record.tag == tag } else { false }
      }
    }

    var indexOfFirstEnding: Int? {
      events.firstIndex { if case .processEnded = $0 { true } else { false } }
    }

    var cannotRun: [String] {
      events.compactMap { if case .cannotRun(_, let why) = $0 { why } else { nil } }
    }

    /// Forks from `task` and returns the child's pid and thread.
    func fork(_ task: TaskID) -> (pid: Int64, thread: TaskID)? {
      guard let outcome = call(task, .fork), let thread = outcome.child else { return nil }
      return (outcome.value, thread)
    }

    /// A stream socket of `task` bound to `address` and listening with backlog 5.
    func listener(_ task: TaskID, at address: SockAddrUn) throws -> Int32 {
      let listener = Int32(try #require(call(task, .socket(type: .stream, protocol: 0))).value)
      #expect(call(task, .bind(fd: listener, address: address))?.value == 0)
      #expect(call(task, .listen(fd: listener, backlog: 5))?.value == 0)
      return listener
    }
  }

  /// True when no process has pid `pid` (a zombie still has it).
  func processIsGone(_ pid: pid_t) -> Bool {
    access("/proc/\(pid)", F_OK) != 0
  }
#endif
