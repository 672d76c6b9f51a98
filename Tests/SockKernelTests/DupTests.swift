import SockKernel
import SyscallVocabulary
import Testing

/// `dup`, `dup2` and `dup3` (fs/file.c): one open file, several descriptors, one reference
/// each.
@Suite("dup, dup2, dup3")
struct DupTests {
  /// A connected pair made by `task`: descriptors 3 and 4.
  private func pair(_ h: Harness, _ task: TaskID) -> (Int32, Int32) {
    let pair = h.call(task, .socketpair(type: .stream))!.pair!
    return pair.fds
  }

  @Test("ksys_dup: the lowest free descriptor, the same socket")
  func dupSharesTheSocket() {
    let h = Harness()
    let t = h.task("t")
    let (a, b) = pair(h, t)
    #expect(h.call(t, .close(fd: b)).returned == .value(0))
    #expect(h.call(t, .dup(fd: a)).returned == .value(4))
    #expect(h.kernel.sock(fd: 4) === h.kernel.sock(fd: a))
    #expect(h.call(t, .dup(fd: 9)).returned == .error(.EBADF))
    #expect(h.call(t, .dup(fd: 9))?.reason?.function == "ksys_dup")
  }

  @Test("closing one of two descriptors does not release the socket: the peer sees EOF at the last close")
  func lastCloseReleases() {
    let h = Harness()
    let t = h.task("t")
    let (a, b) = pair(h, t)
    let a2 = Int32(h.call(t, .dup(fd: a))!.value)
    #expect(h.call(t, .close(fd: a)).returned == .value(0))
    #expect(h.call(t, .recv(fd: b, length: 10, flags: .MSG_DONTWAIT)).returned == .error(.EAGAIN))
    #expect(h.call(t, .send(fd: a2, data: .bytes([1]), flags: [], address: nil)).returned == .value(1))
    #expect(h.call(t, .close(fd: a2)).returned == .value(0))
    #expect(h.call(t, .recv(fd: b, length: 10, flags: [])).returned == .value(1))
    #expect(h.call(t, .recv(fd: b, length: 10, flags: [])).returned == .value(0))
  }

  @Test("dup2 with oldfd == newfd returns it when open, EBADF when not; dup3 says EINVAL either way")
  func sameDescriptor() {
    let h = Harness()
    let t = h.task("t")
    let (a, _) = pair(h, t)
    #expect(h.call(t, .dup2(fd: a, newfd: a)).returned == .value(Int64(a)))
    #expect(h.call(t, .dup2(fd: 9, newfd: 9)).returned == .error(.EBADF))
    #expect(h.call(t, .dup3(fd: a, newfd: a, flags: 0)).returned == .error(.EINVAL))
    #expect(h.call(t, .dup3(fd: 9, newfd: 9, flags: 0)).returned == .error(.EINVAL))
  }

  @Test("ksys_dup3 checks in order: flags, oldfd == newfd, RLIMIT_NOFILE (unsigned), then oldfd")
  func dup3CheckOrder() {
    let h = Harness()
    let t = h.task("t")
    let (a, _) = pair(h, t)
    #expect(h.call(t, .dup3(fd: 99, newfd: 99, flags: O_NONBLOCK)).returned == .error(.EINVAL))
    #expect(h.call(t, .dup3(fd: 99, newfd: 99, flags: O_NONBLOCK))?.reason?.detail.contains("flags") == true)
    let limit = h.kernel.config.nofile
    // A bad oldfd and a newfd at the limit: the limit is checked first.
    #expect(h.call(t, .dup2(fd: 99, newfd: limit))?.reason?.detail.contains("RLIMIT_NOFILE") == true)
    #expect(h.call(t, .dup2(fd: a, newfd: -1)).returned == .error(.EBADF))
    #expect(h.call(t, .dup2(fd: a, newfd: limit - 1)).returned == .value(Int64(limit - 1)))
    #expect(h.call(t, .dup2(fd: 99, newfd: 5))?.reason?.detail.contains("oldfd 99") == true)
  }

  @Test("do_dup2 onto an open descriptor closes its file: the only reference, so the peer sees EOF")
  func dup2ClosesTheTarget() {
    let h = Harness()
    let t = h.task("t")
    let (a, _) = pair(h, t)
    let (x, y) = pair(h, t)
    #expect(h.call(t, .dup2(fd: a, newfd: x)).returned == .value(Int64(x)))
    #expect(h.kernel.sock(fd: x) === h.kernel.sock(fd: a))
    #expect(h.call(t, .recv(fd: y, length: 10, flags: [])).returned == .value(0))
  }

  @Test("dup2 past the table: the numbers skipped are free, lowest first")
  func dup2GrowsTheTable() {
    let h = Harness()
    let t = h.task("t")
    let (a, _) = pair(h, t)
    #expect(h.call(t, .dup2(fd: a, newfd: 9)).returned == .value(9))
    #expect(h.call(t, .dup2(fd: a, newfd: 6)).returned == .value(6))
    #expect(h.call(t, .dup(fd: a)).returned == .value(5))
    #expect(h.call(t, .dup(fd: a)).returned == .value(7))
    #expect(h.call(t, .dup(fd: a)).returned == .value(8))
    #expect(h.call(t, .dup(fd: a)).returned == .value(10))
  }

  @Test("dup2 far past the table: the grown numbers go lowest first, past those dup2 or F_DUPFD opened")
  func dup2GrowsTheTableFar() {
    let h = Harness()
    let t = h.task("t")
    let (a, _) = pair(h, t)
    #expect(h.call(t, .dup2(fd: a, newfd: 1000)).returned == .value(1000))
    #expect(h.call(t, .dup2(fd: a, newfd: 6)).returned == .value(6))
    #expect(fcntl(h, t, a, .F_DUPFD, 500) == .value(500))
    #expect(fcntl(h, t, a, .F_DUPFD, 999) == .value(999))
    #expect(fcntl(h, t, a, .F_DUPFD, 999) == .value(1001))
    #expect(h.call(t, .dup(fd: a)).returned == .value(5))
    #expect(h.call(t, .dup(fd: a)).returned == .value(7))
    #expect(h.call(t, .close(fd: 5)).returned == .value(0))
    #expect(h.call(t, .dup(fd: a)).returned == .value(5))
    #expect(fcntl(h, t, a, .F_DUPFD, 0) == .value(8))
    #expect(h.call(t, .dup(fd: a)).returned == .value(9))
    #expect(fcntl(h, t, a, .F_DUPFD, 498) == .value(498))
    #expect(fcntl(h, t, a, .F_DUPFD, 498) == .value(499))
    #expect(fcntl(h, t, a, .F_DUPFD, 498) == .value(501))
  }

  private func fcntl(_ h: Harness, _ t: TaskID, _ fd: Int32, _ command: FcntlCommand, _ arg: Int32) -> Returned {
    h.call(t, .fcntl(fd: fd, command: command, arg: arg)).returned
  }

  @Test("do_dup2 onto a descriptor reserved by an accept asleep is EBUSY")
  func dup2OntoReservedIsBusy() {
    let h = Harness()
    let server = h.task("server")
    let other = h.task("other")
    let listener = h.listener(server, "s.sock", backlog: 1)
    let accept = h.start(server, .accept(fd: listener, flags: 0))
    #expect(h.returned(accept) == .notReturned)
    // The accept reserved descriptor 4 before it slept.
    #expect(h.call(other, .dup2(fd: listener, newfd: 4)).returned == .error(.EBUSY))
    #expect(h.call(other, .dup(fd: listener)).returned == .value(5))
  }
}
