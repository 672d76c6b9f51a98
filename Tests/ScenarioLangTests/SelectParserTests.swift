import SockKernel
import SyscallVocabulary
import Testing

@testable import ScenarioLang

@Suite("Parser: select, pselect, ppoll, epoll_pwait, block, unblock")
struct SelectParserTests {
  private func operation(_ text: String) throws -> Operation { try firstOperation(text) }

  @Test("select takes its sets by name, a timeval timeout (0 when left out, forever for NULL)")
  func select() throws {
    guard case .select(let sets) = try operation("a select read a, b except c write d timeout 2ms").kind else {
      Issue.record("expected select")
      return
    }
    #expect(!sets.pselect)
    #expect(sets.read?.map(\.text) == ["a", "b"])
    #expect(sets.write?.map(\.text) == ["d"])
    #expect(sets.except?.map(\.text) == ["c"])
    #expect(sets.timeout == 2_000_000)
    #expect(sets.sigmask == nil)
    guard case .select(let bare) = try operation("a select").kind else {
      Issue.record("expected select")
      return
    }
    #expect(bare.read == nil && bare.write == nil && bare.except == nil && bare.timeout == 0)
    guard case .select(let forever) = try operation("a select read a timeout forever = 1").kind else {
      Issue.record("expected select")
      return
    }
    #expect(forever.timeout == nil)
  }

  @Test("pselect takes a timespec and a sigmask; 0 is the empty set")
  func pselect() throws {
    guard case .select(let sets) = try operation("a pselect read a timeout 1500ns sigmask SIGUSR1|SIGURG").kind
    else {
      Issue.record("expected pselect")
      return
    }
    #expect(sets.pselect)
    #expect(sets.timeout == 1500)
    #expect(sets.sigmask == SigSet([.SIGUSR1, .SIGURG]))
    guard case .select(let empty) = try operation("a pselect read a sigmask 0").kind else {
      Issue.record("expected pselect")
      return
    }
    #expect(empty.sigmask == SigSet())
  }

  @Test("ppoll: poll's items, a timespec timeout, a sigmask; its [..] result is revents")
  func ppoll() throws {
    let op = try operation("a ppoll a in, b out timeout 1us sigmask SIGUSR2 = [IN, 0]")
    guard case .ppoll(let items, 1000, let mask?) = op.kind else {
      Issue.record("expected ppoll")
      return
    }
    #expect(items.map(\.events) == [.EPOLLIN, .EPOLLOUT])
    #expect(mask == SigSet(.SIGUSR2))
    #expect(op.expectation?.results == [.revents([.EPOLLIN, []])])
    guard case .ppoll(_, nil, nil) = try operation("a ppoll timeout forever").kind else {
      Issue.record("expected ppoll without a mask")
      return
    }
  }

  @Test("epoll_pwait: epoll_wait's arguments and a sigmask")
  func epollPwait() throws {
    guard case .epollPwait(4, -1, let mask?) = try operation("e epoll_pwait 4 timeout forever sigmask 0").kind else {
      Issue.record("expected epoll_pwait")
      return
    }
    #expect(mask.isEmpty)
  }

  @Test("block and unblock are statements a thread prefix can run, with an expectation")
  func block() throws {
    let script = try Parser.parse("t: block SIGUSR1|SIGUSR2 = 0; unblock SIGURG")
    guard case .sigprocmask(.SIG_BLOCK, let set, let expectation) = script.statements[0].kind else {
      Issue.record("expected block")
      return
    }
    #expect(set == SigSet([.SIGUSR1, .SIGUSR2]))
    #expect(expectation?.results == [.value(0)])
    #expect(script.statements[0].thread?.text == "t")
    guard case .sigprocmask(.SIG_UNBLOCK, SigSet(.SIGURG), nil) = script.statements[1].kind else {
      Issue.record("expected unblock")
      return
    }
  }

  @Test(
    "malformed select, ppoll and mask syntax points at the problem",
    arguments: [
      DiagnosticCase(
        text: "a select read", message: "'read' needs the names of the sockets in the set, found end of input",
        column: 14),
      DiagnosticCase(
        text: "a select read a read b",
        message: "'select' has its 'read' set already: name all its sockets after one 'read'", column: 17),
      DiagnosticCase(
        text: "a select read a timeout 1500ns",
        message: "select's timeout is a timeval: a whole number of microseconds, not negative", column: 25),
      DiagnosticCase(text: "a select read a sigmask 0", message: "'select' takes no signal mask", column: 17),
      DiagnosticCase(
        text: "a ppoll a in sigmask SIGPIPE", message: "'sigmask' takes SIGUSR1, SIGUSR2 or SIGURG, found 'SIGPIPE'",
        column: 22),
      DiagnosticCase(text: "block 0", message: "'block' takes SIGUSR1, SIGUSR2 or SIGURG, found '0'", column: 7),
      DiagnosticCase(
        text: "unblock SIGUSR1|", message: "'unblock' takes SIGUSR1, SIGUSR2 or SIGURG, found end of input",
        column: 17),
      DiagnosticCase(
        text: "e epoll_pwait timeout 1us",
        message: "epoll_pwait's timeout is a whole number of milliseconds up to 2147483647ms",
        column: 23),
    ])
  func errors(_ bad: DiagnosticCase) {
    bad.expectThrown { _ = try Parser.parse($0) }
  }
}
