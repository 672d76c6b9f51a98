import SockKernel
import SyscallVocabulary
import Testing

@testable import ScenarioLang

/// `thread NAME` and the `NAME:` prefix: parsing, the name check, and who makes the calls.
@Suite("threads: 'thread NAME' and 'NAME: statement'")
struct ThreadTests {
  /// The trace and the diagnostics of `text` run on the model.
  func run(_ text: String) -> (trace: [String], errors: [String], status: ScenarioLang.ExitStatus) {
    var trace: [String] = []
    var errors: [String] = []
    let source = SourceFile(name: "t", text: text)
    let session = ScenarioSession(source: source, output: { trace.append($0) }, report: { errors.append($0.message) })
    do {
      session.execute(try Parser.parse(source.text))
    } catch {
      errors.append(error.message)
    }
    session.finish()
    return (trace, errors, session.status)
  }

  @Test("the prefix names the thread; the statement is parsed as without it")
  func prefixParses() throws {
    let script = try Parser.parse("thread t1\nt1: srv accept as s &")
    #expect(script.statements.count == 2)
    guard case .thread(let name, nil) = script.statements[0].kind else {
      Issue.record("not a thread declaration")
      return
    }
    #expect(name.text == "t1")
    let accept = script.statements[1]
    #expect(accept.thread?.text == "t1")
    #expect(accept.thread?.location.column == 1)
    #expect(accept.background)
    guard case .act(let socket, let operations) = accept.kind else {
      Issue.record("not an action")
      return
    }
    #expect(socket.text == "srv")
    #expect(operations.map(\.word) == ["accept"])
  }

  @Test("the calling thread is the trace's second column; the socket argument stays the socket")
  func traceColumns() {
    let result = run("server listen 1; thread t; t: client c connect; t: c send \"x\"")
    #expect(result.status == .ok)
    #expect(result.trace.contains("0.000000 t        socket(AF_UNIX, SOCK_STREAM, 0) = 4 (as c)"))
    #expect(result.trace.contains("0.000000 t        send(c, \"x\", 1, 0) = 1"))
  }

  @Test("a thread and a socket cannot share a name; a thread is no socket")
  func namespace() {
    #expect(run("thread t; client t").errors == ["'t' is already a thread, and a socket's name is its own thread's"])
    #expect(run("client c; thread c").errors == ["thread 'c' is already declared (it is the socket's own thread)"])
    #expect(run("thread t; t send \"x\"").errors == ["'t' is a thread, not a socket"])
    #expect(run("tt: client c").errors == ["unknown thread 'tt'"])
    #expect(run("thread t; thread t").errors == ["thread 't' is already declared"])
  }

  @Test("only statements that make calls take a prefix")
  func prefixNeedsCalls() {
    #expect(run("thread t; t: sleep 1s").errors.isEmpty)
    #expect(run("thread t; t: thread u").errors == ["'t:' makes calls, and this statement makes none"])
    #expect(run("thread t; t: wait").errors == ["'t:' makes calls, and this statement makes none"])
  }

  @Test("threads of a loop: one thread per iteration, each blocked in its own accept")
  func loopThreads() {
    let result = run(
      "server listen 5; repeat 3 as i { thread w$i; w$i: server accept & }; main: server shutdown rd; wait")
    #expect(result.status == .ok)
    let released = result.trace.filter { $0.hasSuffix("<... accept resumed> = -1 EINVAL (Invalid argument)") }
    #expect(released.map { $0.split(separator: " ")[1] } == ["w0", "w1", "w2"])
  }

  @Test("a statement for a thread blocked in a call waits behind it")
  func oneCallAtATime() {
    let result = run("server listen 1; thread t; t: server accept &; t: server close &; client c connect; wait")
    #expect(result.status == .ok)
    let order = result.trace.map { $0.dropFirst(18) }
    let accepted = order.firstIndex { $0.hasPrefix("<... accept resumed>") }
    let closed = order.firstIndex { $0.hasPrefix("close(server)") }
    #expect(accepted != nil && closed != nil)
    #expect((accepted ?? .max) < (closed ?? .min))
  }

  @Test("wait and signal take a thread's name")
  func waitAndSignal() {
    let result = run("server listen 1; thread t; t: server accept &; signal t; wait t")
    #expect(result.status == .ok)
    #expect(result.trace.last == "0.000000 t        <... accept resumed> = -1 EINTR (Interrupted system call)")
  }
}

/// `fork`, `exit`, `waitpid`, `kill`, `setuid`, `setgid`, `thread … in`: parsing and who runs them.
@Suite("processes: the statements")
struct ProcessStatementTests {
  @Test("the process statements parse, with their defaults")
  func parse() throws {
    let script = try Parser.parse(
      "fork child = 2\nthread w in child\nchild: exit 3\nwaitpid child &\nwaitpid\nkill child\nkill child SIGKILL\nsetuid 1000\nchild: sleep 1s &"
    )
    let kinds = script.statements.map(\.kind)
    guard case .fork(let name, let expectation?) = kinds[0], expectation.location.column == 12 else {
      Issue.record("fork")
      return
    }
    #expect(name.text == "child")
    guard case .thread(_, let process?) = kinds[1] else {
      Issue.record("thread in")
      return
    }
    #expect(process.text == "child")
    guard case .exit(3) = kinds[2] else {
      Issue.record("exit")
      return
    }
    #expect(script.statements[2].thread?.text == "child")
    guard case .waitpid(_?, nil) = kinds[3], script.statements[3].background else {
      Issue.record("waitpid &")
      return
    }
    guard case .waitpid(nil, nil) = kinds[4] else {
      Issue.record("waitpid")
      return
    }
    guard case .kill(_, .SIGTERM, nil) = kinds[5], case .kill(_, .SIGKILL, nil) = kinds[6] else {
      Issue.record("kill")
      return
    }
    guard case .setuid(1000, nil) = kinds[7] else {
      Issue.record("setuid")
      return
    }
    guard case .sleep(1_000_000_000) = kinds[8], script.statements[8].background else {
      Issue.record("sleep")
      return
    }
  }

  @Test("'ignore SIGPIPE' takes a thread, whose process's action it sets, and cannot run in the background")
  func ignoreByThread() throws {
    let script = try Parser.parse("fork c\nc: ignore SIGPIPE")
    guard case .ignoreSigpipe = script.statements[1].kind else {
      Issue.record("ignore")
      return
    }
    #expect(script.statements[1].thread?.text == "c")
    #expect(throws: Diagnostic.self) { try Parser.parse("fork c\nc: ignore SIGPIPE &") }
  }

  @Test("'exit' without a thread is a name, as before")
  func exitIsAName() throws {
    let script = try Parser.parse("client exit; exit close")
    guard case .act(let name, _) = script.statements[1].kind else {
      Issue.record("not an action")
      return
    }
    #expect(name.text == "exit")
  }

  @Test("a child's descriptors are its parent's at the fork; its closes are its own")
  func childTable() throws {
    let source = SourceFile(name: "t", text: "socketpair a b; fork child; child: a close; a send \"x\"")
    let session = ScenarioSession(source: source, output: { _ in }, report: { _ in })
    session.execute(try Parser.parse(source.text))
    session.finish()
    #expect(session.status == .ok)
    let child = try #require(session.processes["child"])
    let a = try #require(session.sockets["a"])
    #expect(child.pid == 2)
    #expect(a.fd(in: child) == -1)
    #expect(a.fd(in: session.initialProcess) == 3)
    #expect(child.descriptors[4]?.socket === session.sockets["b"])
  }
}
