import SyscallVocabulary
import Testing

@testable import ScenarioLang
@testable import SockKernel

/// Threads, processes, descriptors and sockets are distinct things in the session; today's
/// syntax maps each socket name to a thread of the same name in process 1.
@Suite("the session's threads, processes, descriptors and sockets")
struct SessionShapeTests {
  func run(_ text: String) throws -> ScenarioSession {
    let source = SourceFile(name: "t", text: text)
    let session = ScenarioSession(source: source, output: { _ in }, report: { _ in })
    session.execute(try Parser.parse(source.text))
    session.finish()
    #expect(session.status == .ok)
    return session
  }

  @Test("the sockets one declaration makes share its site; sites elsewhere are other sites")
  func sharedSites() throws {
    let session = try run("repeat 3 as i { socketpair a$i b$i }; client c")
    let a0 = try #require(session.sockets["a0"]?.site)
    #expect(session.sockets["a2"]?.site === a0)
    let b1 = try #require(session.sockets["b1"]?.site)
    #expect(b1 !== a0 && b1 != a0)
    #expect(session.sockets["c"]?.site != a0)
    // Equal as places, whichever object: a later source's check makes its own.
    #expect(DeclarationSite(location: a0.location, file: a0.file) == a0)
  }

  @Test("a declared socket has a thread of its name in process 1 and a descriptor there")
  func defaultMapping() throws {
    let session = try run("server listen 1; client c connect; server accept as s; socketpair a b")
    let process = session.initialProcess
    #expect(process.pid == 1)
    for name in ["server", "c", "s", "a", "b"] {
      let socket = try #require(session.sockets[name])
      #expect(socket.thread.name == name)
      #expect(socket.process === process)
      #expect(process.thread(named: name) === socket.thread)
      let fd = try #require(socket.fd)
      #expect(process.descriptors[fd]?.socket === socket)
    }
    #expect(session.sockets["s"]?.fd == 5)
  }

  @Test("the statements that name no socket run on process 1's main thread")
  func mainThread() throws {
    let session = try run("touch \"f\"")
    #expect(session.mainThread.name == "main")
    #expect(session.mainThread.process === session.initialProcess)
    #expect(session.initialProcess.threads.map(\.name) == ["main"])
  }

  @Test("close takes the descriptor out of its process's table; the socket keeps its name")
  func closeForgetsDescriptor() throws {
    let session = try run("socketpair a b; a close")
    let a = try #require(session.sockets["a"])
    #expect(a.fd(in: session.initialProcess) == -1)
    #expect(session.initialProcess.descriptors.open.map(\.file.socket.name) == ["b"])
    #expect(session.fdName(3) == "3")
    #expect(session.fdName(4) == "b")
  }

  @Test("a declaration run again by its loop is a new socket on the same thread")
  func redeclarationKeepsThread() throws {
    let session = try run("repeat 3 { client c; c close }")
    let c = try #require(session.sockets["c"])
    #expect(session.initialProcess.thread(named: "c") === c.thread)
    #expect(session.kernel?.taskCount == 2)
  }

  @Test("each process lists its threads once, in the order first asked for, each the session's thread of that name")
  func processThreadList() throws {
    let session = try run("socketpair a b; thread t; repeat 2 { client c; c close }; fork child; thread u in child")
    let child = try #require(session.processes["child"])
    // b's own thread was never asked for: it is no thread yet.
    #expect(session.initialProcess.threads.map(\.name) == ["main", "a", "t", "c"])
    #expect(child.threads.map(\.name) == ["child", "u"])
    for process in [session.initialProcess, child] {
      for thread in process.threads {
        #expect(thread.process === process)
        #expect(session.thread(named: thread.name) === thread)
      }
    }
    #expect(Set(session.declaredThreads.keys) == ["main", "t", "child", "u"])
    #expect(Set(session.sockets.names) == ["a", "b", "c"])
  }

  @Test("a thread's declaration site and its superseding thread read back as set, each apart from the other")
  func threadRareFields() {
    let process = ScenarioProcess(pid: 1)
    let thread = process.addThread(named: "t", task: TaskID(rawValue: 0))
    #expect(thread.site == nil && thread.supersededBy == nil)
    thread.supersededBy = nil
    #expect(thread.site == nil && thread.supersededBy == nil)
    let site = DeclarationSite(location: SourceLocation(line: 2, column: 8, offset: 9), file: "f")
    thread.site = site
    #expect(thread.site == site && thread.supersededBy == nil)
    thread.supersededBy = "u"
    #expect(thread.site == site && thread.supersededBy == "u")
    thread.site = nil
    #expect(thread.site == nil && thread.supersededBy == "u")
    #expect(process.addThread(named: "v", task: TaskID(rawValue: 1)).site == nil)
  }

  @Test("a thread's task is spawned by the first statement that needs it: a call, a signal, an exec of its process")
  func tasksSpawnedWhenNeeded() throws {
    let source = SourceFile(name: "t", text: "socketpair a b; thread t; fork child; child: client c")
    let session = ScenarioSession(source: source, output: { _ in }, report: { _ in })
    session.execute(try Parser.parse(source.text))
    let kernel = try #require((session.backend as? ModelBackend)?.kernel)
    // main, a (which made the socketpair), the fork's child (its comm the parent's, as a
    // fork copies it); not b, t or c.
    #expect(kernel.tasks.map(\.comm) == ["main", "a", "main"])
    let b = try #require(session.sockets["b"])
    #expect(b.thread.taskIfStarted == nil)
    #expect(session.declaredThreads["t"]?.taskIfStarted == nil)
    session.execute(try Parser.parse("b close"))
    #expect(b.thread.taskIfStarted == TaskID(rawValue: 3))
    session.execute(try Parser.parse("signal t"))
    #expect(session.declaredThreads["t"]?.taskIfStarted == TaskID(rawValue: 4))
    // de_thread ends every other thread of the process, so each gets its task first: u,
    // then c's own thread, never asked for before.
    session.execute(try Parser.parse("thread u in child; u: exec"))
    #expect(kernel.tasks.map(\.comm) == ["main", "a", "main", "b", "t", "u", "c"])
    #expect(session.sockets["c"]?.thread.supersededBy == "u")
    #expect(session.status == .ok)
  }
}
