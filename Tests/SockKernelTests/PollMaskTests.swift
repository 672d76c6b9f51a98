import SyscallVocabulary
import Testing

@testable import SockKernel

/// One row of the revents table (docs/kernel-model.md §10): a socket set up by `make`, polled
/// for IN|OUT|RDHUP|PRI.
struct MaskCase: CustomTestStringConvertible, Sendable {
  let name: String
  let expected: PollMask
  /// Builds the situation; returns the descriptor to poll.
  let make: @Sendable (Harness, TaskID) -> Int32

  var testDescription: String { "\(name): \(expected)" }
}

@Suite("poll: the events each socket state reports (unix_poll, unix_dgram_poll)")
struct PollMaskTests {
  static let maskCases: [MaskCase] = [
    MaskCase(name: "fresh stream", expected: [.EPOLLOUT, .EPOLLHUP]) { h, t in h.socket(t) },
    MaskCase(name: "fresh seqpacket", expected: [.EPOLLOUT, .EPOLLHUP]) { h, t in h.socket(t, .seqpacket) },
    MaskCase(name: "fresh dgram", expected: .EPOLLOUT) { h, t in h.dgram(t) },
    MaskCase(name: "listener, nothing pending", expected: []) { h, t in h.listener(t, "l.sock", backlog: 1) },
    MaskCase(name: "listener, one pending", expected: .EPOLLIN) { h, t in
      let l = h.listener(t, "l.sock", backlog: 1)
      _ = h.connect(t, h.socket(t), "l.sock")
      return l
    },
    MaskCase(name: "listener after SHUT_RD", expected: [.EPOLLIN, .EPOLLRDHUP]) { h, t in
      let l = h.listener(t, "l.sock", backlog: 1)
      _ = h.call(t, .shutdown(fd: l, how: SHUT_RD))
      return l
    },
    MaskCase(name: "connected", expected: .EPOLLOUT) { h, t in h.socketpair(t, .stream).0 },
    MaskCase(name: "connected, data queued", expected: [.EPOLLIN, .EPOLLOUT]) { h, t in
      let (a, b) = h.socketpair(t, .stream)
      _ = h.send(t, b, .bytes([1]))
      return a
    },
    MaskCase(name: "writer above a quarter of sk_sndbuf", expected: []) { h, t in
      let (a, b) = h.socketpair(t, .stream)
      _ = h.send(t, a, .zeros(1 << 20))
      _ = h.recv(t, b, 36544)  // charge 185600 < sk_sndbuf, still above a quarter
      return a
    },
    MaskCase(name: "own SHUT_WR", expected: .EPOLLOUT) { h, t in
      let (a, _) = h.socketpair(t, .stream)
      _ = h.call(t, .shutdown(fd: a, how: SHUT_WR))
      return a
    },
    MaskCase(name: "peer's SHUT_WR", expected: [.EPOLLIN, .EPOLLOUT, .EPOLLRDHUP]) { h, t in
      let (a, b) = h.socketpair(t, .stream)
      _ = h.call(t, .shutdown(fd: b, how: SHUT_WR))
      return a
    },
    MaskCase(name: "own SHUT_RDWR", expected: [.EPOLLIN, .EPOLLOUT, .EPOLLHUP, .EPOLLRDHUP]) { h, t in
      let (a, _) = h.socketpair(t, .stream)
      _ = h.call(t, .shutdown(fd: a, how: SHUT_RDWR))
      return a
    },
    MaskCase(name: "peer closed, nothing unread", expected: [.EPOLLIN, .EPOLLOUT, .EPOLLHUP, .EPOLLRDHUP]) { h, t in
      let (a, b) = h.socketpair(t, .seqpacket)
      _ = h.call(t, .close(fd: b))
      return a
    },
    MaskCase(
      name: "peer closed with unread data", expected: [.EPOLLIN, .EPOLLOUT, .EPOLLERR, .EPOLLHUP, .EPOLLRDHUP]
    ) { h, t in
      let (a, b) = h.socketpair(t, .stream)
      _ = h.send(t, a, .bytes([1]))
      _ = h.call(t, .close(fd: b))
      return a
    },
    MaskCase(name: "dgram after SHUT_RDWR", expected: [.EPOLLIN, .EPOLLOUT, .EPOLLHUP, .EPOLLRDHUP]) { h, t in
      let (a, _) = h.socketpair(t, .dgram)
      _ = h.call(t, .shutdown(fd: a, how: SHUT_RDWR))
      return a
    },
    MaskCase(name: "dgram connected to a full receiver", expected: []) { h, t in
      _ = h.dgram(t, bound: "r.sock")
      let s = h.dgram(t)
      _ = h.connect(t, s, "r.sock")
      _ = h.fill(t, s)
      return s
    },
    MaskCase(name: "dgram sending by address to a full receiver", expected: .EPOLLOUT) { h, t in
      _ = h.dgram(t, bound: "r.sock")
      let s = h.dgram(t)
      _ = h.fill(t, s, to: "r.sock")
      return s
    },
  ]

  @Test("each socket state reports the events of the kernel's matrix", arguments: maskCases)
  func revents(_ row: MaskCase) {
    let h = Harness()
    let t = h.task("t")
    let fd = row.make(h, t)
    #expect(h.revents(t, fd) == row.expected)
  }

  @Test("revents are what was asked for, plus POLLERR and POLLHUP unasked; RDNORM/WRNORM only when asked")
  func reventsAreFiltered() {
    let h = Harness()
    let t = h.task("t")
    let fresh = h.socket(t)
    #expect(h.revents(t, fresh, .EPOLLIN) == .EPOLLHUP)
    let (a, b) = h.socketpair(t, .stream)
    _ = h.send(t, b, .bytes([1]))
    #expect(h.revents(t, a, .EPOLLOUT) == .EPOLLOUT)
    #expect(h.revents(t, a, [.EPOLLIN, .EPOLLRDNORM, .EPOLLWRNORM]) == [.EPOLLIN, .EPOLLRDNORM, .EPOLLWRNORM])
  }

  @Test("a descriptor that is not open is POLLNVAL and counts; a negative one is skipped")
  func nvalAndNegative() {
    let h = Harness()
    let t = h.task("t")
    let a = h.socket(t)
    let outcome = h.call(
      t, .poll(fds: [PollRequest(fd: 99, events: .EPOLLIN), PollRequest(fd: -1, events: .EPOLLIN)], timeoutMs: 0))
    #expect(outcome?.value == 1)
    #expect(outcome?.revents == [.EPOLLNVAL, []])
    #expect(h.revents(t, a, .EPOLLIN) == .EPOLLHUP)
  }
}
