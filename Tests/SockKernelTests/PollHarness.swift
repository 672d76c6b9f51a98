import SyscallVocabulary

@testable import SockKernel

/// What the language's `poll` asks for when no event is named.
let pollAll: PollMask = [.EPOLLIN, .EPOLLOUT, .EPOLLRDHUP, .EPOLLPRI]

extension Harness {
  /// `poll` of `fds` (each with the events asked for) that may block; returns its tag.
  func startPoll(_ task: TaskID, _ fds: [(Int32, PollMask)], timeoutMs: Int32) -> Int {
    start(task, .poll(fds: fds.map { PollRequest(fd: $0.0, events: $0.1) }, timeoutMs: timeoutMs))
  }

  /// A non-blocking `poll` of one descriptor: its revents.
  func revents(_ task: TaskID, _ fd: Int32, _ events: PollMask = pollAll) -> PollMask? {
    call(task, .poll(fds: [PollRequest(fd: fd, events: events)], timeoutMs: 0))?.revents?.first
  }

  /// True when some call was woken on a wait queue since `start` events.
  func wokenSince(_ start: Int) -> Bool {
    events[start...].contains { if case .woken = $0 { true } else { false } }
  }
}
