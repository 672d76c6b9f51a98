import SockKernel
import SyscallVocabulary

/// epoll: the `epoll` statement that makes an instance, and its operations `epoll_ctl` and
/// `epoll_wait`.
extension Parser {
  /// epoll := 'epoll' NAME [ 'cloexec' ] [ expectation ]
  mutating func parseEpoll() throws(Diagnostic) -> Statement.Kind {
    advance()
    let name = try parseNewDescriptorName("epoll")
    var flags: Int32 = 0
    if currentIs(.cloexec) {
      advance()
      flags = O_CLOEXEC
    }
    return .epoll(as: name, flags: flags, expectation: try parseExpectation())
  }

  /// epollctl := 'epoll_ctl' ( 'add' | 'mod' | 'del' ) NAME { epollevent } [ 'data' INT ]
  /// epollevent := 'in' | 'out' | 'rdhup' | 'pri' | 'et' | 'oneshot' | 'exclusive'
  mutating func parseEpollCtl() throws(Diagnostic) -> Operation.Kind {
    guard let op = currentWord.flatMap(EpollOpWord.init(rawValue:)) else {
      let words = EpollOpWord.allCases.map(\.rawValue)
      throw error(
        "'epoll_ctl' takes \(words.dropLast().joined(separator: ", ")) or \(words.last!), found \(current.spelling)",
        notes: ["e.g. 'e epoll_ctl add c in'"])
    }
    advance()
    guard let word = currentWord, Self.canReferToSocket(word) else {
      throw error(
        "'epoll_ctl \(op.rawValue)' needs the descriptor to watch, found \(current.spelling)",
        notes: ["e.g. 'e epoll_ctl \(op.rawValue) c\(op == .del ? "" : " in")'"])
    }
    let target = try makeName(word)
    advance()
    var events: PollMask = []
    while let word = currentWord {
      if let event = PollEventWord(rawValue: word) {
        events.insert(event.mask)
      } else if let flag = EpollFlagWord(rawValue: word) {
        events.insert(flag.flag)
      } else {
        break
      }
      if op == .del { throw error("'epoll_ctl del' takes no events, found '\(word)'") }
      advance()
    }
    var data: UInt64?
    if currentWord == PlainWord.data.rawValue {
      if op == .del { throw error("'epoll_ctl del' takes no data, found 'data'") }
      advance()
      let token = current
      guard case .number(let text) = token.kind, let value = UInt64(text) else {
        throw error("'data' takes a number from 0 to 18446744073709551615, found \(current.spelling)")
      }
      advance()
      data = value
    }
    return .epollCtl(op.op, target: target, events: events, data: data)
  }

  /// epollwait := 'epoll_wait' [ INT ] [ 'timeout' ( duration | 'forever' ) ]   (INT: maxevents, 8)
  mutating func parseEpollWait() throws(Diagnostic) -> Operation.Kind {
    var maxevents: Int32 = 8
    if case .number = current.kind { maxevents = try parseInt32("epoll_wait's maxevents") }
    return .epollWait(maxevents: maxevents, timeoutMs: try parsePollTimeout("epoll_wait"))
  }
}
