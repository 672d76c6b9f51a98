import SockKernel
import SyscallVocabulary
import Testing

@testable import ScenarioLang

@Suite("Parser: epoll, epoll_ctl, epoll_wait")
struct EpollParserTests {
  private func operation(_ text: String) throws -> Operation { try firstOperation(text) }

  @Test("epoll NAME [cloexec] makes an instance")
  func create() throws {
    guard case .epoll(let name, O_CLOEXEC, let expectation) = try Parser.parse("epoll e cloexec = 5").statements[0].kind
    else {
      Issue.record("expected epoll")
      return
    }
    #expect(name.text == "e")
    #expect(expectation?.results == [.value(5)])
  }

  @Test("epoll_ctl takes an op, the target, events and flags, and data")
  func ctl() throws {
    guard
      case .epollCtl(.EPOLL_CTL_ADD, let target, let events, 7?) = try operation("e epoll_ctl add c in out et data 7")
        .kind
    else {
      Issue.record("expected epoll_ctl add")
      return
    }
    #expect(target.text == "c")
    #expect(events == [.EPOLLIN, .EPOLLOUT, .EPOLLET])
    guard case .epollCtl(.EPOLL_CTL_DEL, _, [], nil) = try operation("e epoll_ctl del c").kind else {
      Issue.record("expected epoll_ctl del")
      return
    }
  }

  @Test("epoll_wait: maxevents 8 and timeout 0 by default")
  func wait() throws {
    guard case .epollWait(8, 0) = try operation("e epoll_wait").kind else {
      Issue.record("expected the defaults")
      return
    }
    guard case .epollWait(2, -1) = try operation("e epoll_wait 2 timeout forever").kind else {
      Issue.record("expected 2, forever")
      return
    }
    guard case .epollWait(8, 20) = try operation("e epoll_wait timeout 20ms = 0").kind else {
      Issue.record("expected 20 ms")
      return
    }
  }

  @Test("poll with '0' asks for no events; '= [0]' after it is still a revents result")
  func pollZero() throws {
    let op = try operation("b poll 0 timeout 0 = [0]")
    guard case .poll(let items, 0) = op.kind else {
      Issue.record("expected poll")
      return
    }
    #expect(items.map(\.events) == [[]])
    #expect(op.expectation?.results == [.revents([[]])])
  }

  @Test(
    "malformed epoll syntax points at the problem",
    arguments: [
      DiagnosticCase(text: "e epoll_ctl put c", message: "'epoll_ctl' takes add, mod or del, found 'put'", column: 13),
      DiagnosticCase(
        text: "e epoll_ctl add", message: "'epoll_ctl add' needs the descriptor to watch, found end of input",
        column: 16),
      DiagnosticCase(text: "e epoll_ctl del c in", message: "'epoll_ctl del' takes no events, found 'in'", column: 19),
      DiagnosticCase(
        text: "e epoll_ctl add c in data x",
        message: "'data' takes a number from 0 to 18446744073709551615, found 'x'", column: 27),
      DiagnosticCase(
        text: "e epoll_wait timeout 1500us",
        message: "epoll_wait's timeout is a whole number of milliseconds up to 2147483647ms", column: 22),
    ])
  func errors(_ bad: DiagnosticCase) {
    bad.expectThrown { _ = try Parser.parse($0) }
  }
}
