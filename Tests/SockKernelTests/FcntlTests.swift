import SockKernel
import SyscallVocabulary
import Testing

/// `fcntl` (fs/fcntl.c): status flags belong to the open file, FD_CLOEXEC to the descriptor.
@Suite("fcntl")
struct FcntlTests {
  private func fcntl(_ h: Harness, _ t: TaskID, _ fd: Int32, _ command: FcntlCommand, _ arg: Int32 = 0) -> Returned {
    h.call(t, .fcntl(fd: fd, command: command, arg: arg)).returned
  }

  @Test("O_NONBLOCK set through one descriptor is the open file's: the other's recv is EAGAIN")
  func nonblockIsShared() {
    let h = Harness()
    let t = h.task("t")
    let (a, _) = h.call(t, .socketpair(type: .stream))!.pair!.fds
    let a2 = Int32(h.call(t, .dup(fd: a))!.value)
    #expect(fcntl(h, t, a, .F_GETFL) == .value(Int64(O_RDWR)))
    #expect(fcntl(h, t, a2, .F_SETFL, O_NONBLOCK) == .value(0))
    #expect(fcntl(h, t, a, .F_GETFL) == .value(Int64(O_RDWR | O_NONBLOCK)))
    #expect(h.call(t, .recv(fd: a, length: 1, flags: [])).returned == .error(.EAGAIN))
  }

  @Test("setfl replaces SETFL_MASK's bits and keeps the access mode; O_DIRECT on a socket is EINVAL")
  func setflMask() {
    let h = Harness()
    let t = h.task("t")
    let (a, _) = h.call(t, .socketpair(type: .stream))!.pair!.fds
    #expect(fcntl(h, t, a, .F_SETFL, O_APPEND) == .value(0))
    #expect(fcntl(h, t, a, .F_SETFL, O_NONBLOCK | 1) == .value(0))
    #expect(fcntl(h, t, a, .F_GETFL) == .value(Int64(O_RDWR | O_NONBLOCK)))
    #expect(fcntl(h, t, a, .F_SETFL, O_DIRECT) == .error(.EINVAL))
    #expect(fcntl(h, t, a, .F_GETFL) == .value(Int64(O_RDWR | O_NONBLOCK)))
    #expect(h.call(t, .fcntl(fd: a, command: .F_GETFL, arg: 0))?.optionValue == O_RDWR | O_NONBLOCK)
  }

  @Test("FD_CLOEXEC is per descriptor: dup clears it, F_DUPFD_CLOEXEC and dup3(O_CLOEXEC) set it, dup2 clears it")
  func cloexecIsPerDescriptor() {
    let h = Harness()
    let t = h.task("t")
    let (a, b) = h.call(t, .socketpair(type: .stream))!.pair!.fds
    #expect(fcntl(h, t, a, .F_SETFD, 3) == .value(0))
    #expect(fcntl(h, t, a, .F_GETFD) == .value(1))
    #expect(fcntl(h, t, b, .F_GETFD) == .value(0))
    let a2 = Int32(h.call(t, .dup(fd: a))!.value)
    #expect(fcntl(h, t, a2, .F_GETFD) == .value(0))
    #expect(fcntl(h, t, a, .F_DUPFD_CLOEXEC) == .value(6))
    #expect(fcntl(h, t, 6, .F_GETFD) == .value(1))
    #expect(h.call(t, .dup3(fd: b, newfd: a2, flags: O_CLOEXEC)).returned == .value(Int64(a2)))
    #expect(fcntl(h, t, a2, .F_GETFD) == .value(1))
    #expect(h.call(t, .dup2(fd: b, newfd: a2)).returned == .value(Int64(a2)))
    #expect(fcntl(h, t, a2, .F_GETFD) == .value(0))
    // A closed descriptor's flag goes with it: the next one on that number starts clear.
    #expect(h.call(t, .close(fd: 6)).returned == .value(0))
    #expect(h.call(t, .dup(fd: a)).returned == .value(6))
    #expect(fcntl(h, t, 6, .F_GETFD) == .value(0))
  }

  @Test("f_dupfd: the lowest free at or above from; from at or above RLIMIT_NOFILE (unsigned) is EINVAL")
  func dupfd() {
    let h = Harness()
    let t = h.task("t")
    let (a, _) = h.call(t, .socketpair(type: .stream))!.pair!.fds
    #expect(fcntl(h, t, a, .F_DUPFD, 10) == .value(10))
    #expect(fcntl(h, t, a, .F_DUPFD, 0) == .value(5))
    #expect(fcntl(h, t, a, .F_DUPFD, 10) == .value(11))
    #expect(fcntl(h, t, a, .F_DUPFD, h.kernel.config.nofile) == .error(.EINVAL))
    #expect(fcntl(h, t, a, .F_DUPFD, -1) == .error(.EINVAL))
    #expect(fcntl(h, t, 99, .F_GETFL) == .error(.EBADF))
    // 0, 1 and 2 are standard input, output and error: never handed out.
    #expect(h.call(t, .dup(fd: a)).returned == .value(6))
  }
}
