import SockKernel
import SyscallVocabulary
import Testing

@testable import ScenarioLang

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

  @Test("a declared socket has a thread of its name in process 1 and a descriptor there")
  func defaultMapping() throws {
    let session = try run("server listen 1; client c connect; server accept as s; socketpair a b")
    let process = session.initialProcess
    #expect(process.pid == 1)
    for name in ["server", "c", "s", "a", "b"] {
      let socket = try #require(session.sockets[name])
      #expect(socket.thread.name == name)
      #expect(socket.process === process)
      #expect(process.threads[name] === socket.thread)
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
    #expect(session.initialProcess.threads.keys.sorted() == ["main"])
  }

  @Test("close takes the descriptor out of its process's table; the socket keeps its name")
  func closeForgetsDescriptor() throws {
    let session = try run("socketpair a b; a close")
    let a = try #require(session.sockets["a"])
    #expect(a.fd(in: session.initialProcess) == -1)
    #expect(session.initialProcess.descriptors.values.map(\.socket.name) == ["b"])
    #expect(session.fdName(3) == "3")
    #expect(session.fdName(4) == "b")
  }

  @Test("a declaration run again by its loop is a new socket on the same thread")
  func redeclarationKeepsThread() throws {
    let session = try run("repeat 3 { client c; c close }")
    let c = try #require(session.sockets["c"])
    #expect(session.initialProcess.threads["c"] === c.thread)
    #expect(session.kernel?.taskCount == 2)
  }
}
