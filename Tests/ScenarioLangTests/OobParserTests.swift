import SockKernel
import SyscallVocabulary
import Testing

@testable import ScenarioLang

@Suite("Parser: out-of-band data, ioctl, file owners, handle SIGURG")
struct OobParserTests {
  private func operation(_ text: String) throws -> Operation { try firstOperation(text) }

  @Test("oob is MSG_OOB for send, recv, sendmsg and recvmsg")
  func oobFlag() throws {
    guard case .send(_, let flags, nil) = try operation("c send \"ab\" oob dontwait").kind else {
      Issue.record("expected send")
      return
    }
    #expect(flags == [.MSG_OOB, .MSG_DONTWAIT])
    guard case .recv(1, let received) = try operation("c recv 1 oob peek").kind else {
      Issue.record("expected recv")
      return
    }
    #expect(received == [.MSG_OOB, .MSG_PEEK])
    guard case .sendmsg(_, let parts) = try operation("c sendmsg \"a\" oob").kind else {
      Issue.record("expected sendmsg")
      return
    }
    #expect(parts.flags == .MSG_OOB)
  }

  @Test("ioctl takes the queue requests by either name, and an [N] expectation")
  func ioctl() throws {
    for (word, request) in [
      ("SIOCINQ", IoctlRequest.SIOCINQ), ("FIONREAD", .SIOCINQ), ("SIOCOUTQ", .SIOCOUTQ), ("TIOCOUTQ", .SIOCOUTQ),
      ("SIOCATMARK", .SIOCATMARK),
    ] {
      let op = try operation("c ioctl \(word) = [3]")
      guard case .ioctl(let parsed) = op.kind else {
        Issue.record("expected ioctl")
        continue
      }
      #expect(parsed == request)
      #expect(op.expectation?.results == [.option(3)])
    }
  }

  @Test("fcntl setown names a process, main or 0; setown_ex a thread; getown reads back")
  func owners() throws {
    guard case .setOwner(let child?, thread: false) = try operation("c fcntl setown child").kind else {
      Issue.record("expected setown")
      return
    }
    #expect(child.text == "child")
    guard case .setOwner(let main?, thread: false) = try operation("c fcntl setown main").kind else {
      Issue.record("expected setown main")
      return
    }
    #expect(main.text == "main")
    guard case .setOwner(nil, thread: false) = try operation("c fcntl setown 0").kind else {
      Issue.record("expected setown 0")
      return
    }
    guard case .setOwner(let t?, thread: true) = try operation("c fcntl setown_ex t").kind else {
      Issue.record("expected setown_ex")
      return
    }
    #expect(t.text == "t")
    guard case .fcntl(.F_GETOWN, 0, nil) = try operation("c fcntl getown = 1").kind else {
      Issue.record("expected getown")
      return
    }
  }

  @Test("handle SIGURG, with or without restart, after a thread's prefix too")
  func handle() throws {
    guard case .handleSigurg(false) = try Parser.parse("handle SIGURG").statements[0].kind else {
      Issue.record("expected handle")
      return
    }
    let prefixed = try Parser.parse("t: handle SIGURG restart").statements[0]
    guard case .handleSigurg(true) = prefixed.kind else {
      Issue.record("expected handle restart")
      return
    }
    #expect(prefixed.thread?.text == "t")
  }

  @Test(
    "malformed out-of-band and owner syntax points at the problem",
    arguments: [
      DiagnosticCase(
        text: "c ioctl FIONBIO",
        message: "'ioctl' takes SIOCINQ, FIONREAD, SIOCOUTQ, TIOCOUTQ or SIOCATMARK, found 'FIONBIO'", column: 9),
      DiagnosticCase(
        text: "c ioctl",
        message: "'ioctl' takes SIOCINQ, FIONREAD, SIOCOUTQ, TIOCOUTQ or SIOCATMARK, found end of input",
        column: 8),
      DiagnosticCase(
        text: "c fcntl setown 5",
        message: "'fcntl setown' needs a process (a 'fork' name or main), or 0, found '5'", column: 16),
      DiagnosticCase(
        text: "c fcntl setown_ex", message: "'fcntl setown_ex' needs a thread, found end of input", column: 18),
      DiagnosticCase(text: "handle SIGUSR1", message: "'handle' takes SIGURG, found 'SIGUSR1'", column: 8),
      DiagnosticCase(
        text: "c ioctl SIOCINQ = \"x\"",
        message:
          "'ioctl' cannot return that: a data result (\"…\") is for 'recv', 'recvmsg', 'read', 'getsockname' and 'getpeername'",
        column: 17),
    ])
  func errors(_ bad: DiagnosticCase) {
    bad.expectThrown { _ = try Parser.parse($0) }
  }
}
