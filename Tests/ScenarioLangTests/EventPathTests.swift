import SockKernel
import SyscallVocabulary
import Testing

@testable import ScenarioLang

/// Both backends report the same events to the same path: a backend that reports only
/// what the real kernel can (returns, sleeps without their queues, calls it cannot make)
/// is recorded, traced and checked as the model is.
@Suite("One event path")
struct EventPathTests {
  /// Runs every call at once and reports what `respond` says happened to it.
  final class ScriptedBackend: ScenarioBackend {
    var kind: BackendKind { .linux }
    var now: Nanoseconds = 0
    var onEvent: ((KernelEvent, Nanoseconds) -> Void)?
    var respond: (CallRecord) -> [(KernelEvent, Nanoseconds)]
    private var names: [String] = []
    private var queue: [(task: TaskID, tag: Int, make: () -> Syscall)] = []
    private var calls = 0

    init(respond: @escaping (CallRecord) -> [(KernelEvent, Nanoseconds)]) { self.respond = respond }

    func spawn(name: String, alongside task: TaskID) -> TaskID { spawn(name: name) }
    func spawn(name: String) -> TaskID {
      names.append(name)
      return TaskID(rawValue: names.count - 1)
    }
    func name(of task: TaskID) -> String { names[task.rawValue] }
    func ignoreSignal(_ signal: Signal, in task: TaskID) {}
    func catchSignal(_ signal: Signal, restart: Bool, in task: TaskID) {}
    func submit(_ task: TaskID, tag: Int, _ make: @escaping () -> Syscall) { queue.append((task, tag, make)) }
    func isIdle(_ task: TaskID) -> Bool { true }
    func queuedCalls(_ task: TaskID) -> Int { 0 }
    func run(until condition: () -> Bool) -> RunStop {
      while !queue.isEmpty {
        let (task, tag, make) = queue.removeFirst()
        calls += 1
        let record = CallRecord(id: calls, tag: tag, task: task, syscall: make(), startedAt: now)
        for (event, at) in respond(record) {
          now = at
          onEvent?(event, at)
        }
      }
      return condition() ? .satisfied : .stalled
    }
    func halt() {}
    func setAlarm(at instant: Nanoseconds) -> AlarmID { AlarmID(rawValue: 0) }
    func hasFired(_ alarm: AlarmID) -> Bool { true }
    func sleepingCalls() -> [SleepingCall] { [] }
    func socketTable() -> (sockets: [SocketSnapshot], clock: VirtualClock) { ([], VirtualClock(hz: 250)) }
    func timeAgrees(expected: Nanoseconds, actual: Nanoseconds) -> Bool { expected == actual }
    var stopReason: String? { nil }
    func shutDown() {}
  }

  /// What a session on a scripted backend printed and reported.
  struct Run {
    var out: [String] = []
    var diagnostics: [Diagnostic] = []
    var status = ExitStatus.ok
  }

  static func run(_ text: String, respond: @escaping (CallRecord) -> [(KernelEvent, Nanoseconds)]) -> Run {
    var result = Run()
    let session = ScenarioSession(
      source: SourceFile(name: "t.sock", text: text), backend: ScriptedBackend(respond: respond),
      output: { result.out.append($0) }, report: { result.diagnostics.append($0) })
    guard let script = try? Parser.parse(text) else { return result }
    session.execute(script)
    result.status = session.finish()
    return result
  }

  /// A socket gets descriptor 3; everything else returns 0.
  static func returns(_ record: CallRecord) -> [(KernelEvent, Nanoseconds)] {
    var outcome = SyscallOutcome.success(0)
    if case .socket = record.syscall { outcome = .success(3) }
    return [(.returned(record, outcome, resumed: false), record.startedAt)]
  }

  @Test("a sleep whose queue the backend cannot see is traced without it, and the call resumes")
  func blockedWithoutInfo() {
    let r = Self.run("client c\nc close") { record in
      guard case .close = record.syscall else { return Self.returns(record) }
      return [
        (.blocked(record, nil, again: false), 0),
        (.returned(record, .success(0), resumed: true), 1_000_000),
      ]
    }
    #expect(
      r.out == [
        "0.000000 c        socket(AF_UNIX, SOCK_STREAM, 0) = 3",
        "0.000000 c        close(c) <blocked>",
        "0.001000 c        <... close resumed> = 0",
      ])
    #expect(r.status == .ok)
  }

  @Test("a call the backend cannot make stops the run at the operation that made it")
  func cannotRun() {
    let r = Self.run("client c\nc close") { record in
      guard case .close = record.syscall else { return Self.returns(record) }
      return [(.cannotRun(record, "no thread"), 0)]
    }
    #expect(r.diagnostics.map(\.message) == ["the kernel backend cannot run close: no thread"])
    #expect(r.diagnostics.first?.location == SourceLocation(line: 2, column: 3, offset: 11))
    #expect(r.status == .internalError)
  }

  @Test("a kernel log line is traced as the kernel's")
  func log() {
    let r = Self.run("client c") { record in
      Self.returns(record) + [(.log(record.task, "sock_set_timeout: hello"), 0)]
    }
    #expect(r.out.last == "0.000000 kernel   sock_set_timeout: hello")
  }

  @Test("a call the script did not make has a diagnostic with no location, not a made-up 1:1")
  func cannotRunUnknownCall() {
    let r = Self.run("client c") { record in
      let stray = CallRecord(id: 99, tag: 99, task: record.task, syscall: .close(fd: 3), startedAt: 0)
      return Self.returns(record) + [(.cannotRun(stray, "no thread"), 0)]
    }
    #expect(r.diagnostics.map(\.message) == ["the kernel backend cannot run close: no thread"])
    #expect(r.diagnostics.first.map { $0.location == nil } == true)
  }

  @Test("a return that raises SIGPIPE: its line, strace's two lines of the kill, then why; the run ends")
  func sigpipe() {
    var out: [String] = []
    let text = "socketpair a b\na shutdown wr\na send \"x\"\nb close"
    let session = ScenarioSession(
      source: SourceFile(name: "t.sock", text: text), explain: true, output: { out.append($0) }, report: { _ in })
    session.execute(try! Parser.parse(text))
    #expect(
      Array(out.dropFirst(2)) == [
        #"0.000000 a        send(a, "x", 1, 0) = -1 EPIPE (Broken pipe)"#,
        "0.000000 a        --- SIGPIPE {si_signo=SIGPIPE, si_code=SI_USER} ---",
        "0.000000 a        +++ killed by SIGPIPE +++",
        "                   why: unix_stream_sendmsg: own sk_shutdown has SEND_SHUTDOWN",
      ])
    #expect(session.finish() == .killedBySignal)
  }
}
