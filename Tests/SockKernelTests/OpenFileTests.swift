import SockKernel
import SyscallVocabulary
import Testing

/// A descriptor that is not a socket (`open`): the calls of any file work on it, socket
/// calls are ENOTSOCK (`sockfd_lookup`).
@Suite("open and ENOTSOCK")
struct OpenFileTests {
  private func opened(_ h: Harness, _ t: TaskID) -> Int32 {
    _ = h.call(t, .createFile(path: "f"))
    return Int32(h.call(t, .open(path: "f"))!.value)
  }

  @Test("socket calls on a file are ENOTSOCK; on a closed descriptor EBADF comes first")
  func enotsock() {
    let h = Harness()
    let t = h.task("t")
    let f = opened(h, t)
    let calls: [Syscall] = [
      .recv(fd: f, length: 1, flags: []), .send(fd: f, data: .bytes([1]), flags: [], address: nil),
      .listen(fd: f, backlog: 1), .shutdown(fd: f, how: SHUT_RD), .bind(fd: f, address: .filesystem("x")),
      .connect(fd: f, address: .filesystem("x")), .accept(fd: f, flags: 0), .getIntOption(fd: f, option: .SO_TYPE),
    ]
    for call in calls {
      let outcome = h.call(t, call)
      #expect(outcome.returned == .error(.ENOTSOCK))
      #expect(outcome?.reason?.function == "sockfd_lookup")
    }
    #expect(h.call(t, .close(fd: f)).returned == .value(0))
    #expect(h.call(t, .recv(fd: f, length: 1, flags: [])).returned == .error(.EBADF))
  }

  @Test("read of the empty file is 0, write on O_RDONLY is EBADF, F_GETFL is O_RDONLY|O_LARGEFILE")
  func fileCalls() {
    let h = Harness()
    let t = h.task("t")
    let f = opened(h, t)
    #expect(h.call(t, .read(fd: f, length: 4)).returned == .value(0))
    #expect(h.call(t, .write(fd: f, data: .bytes([1]))).returned == .error(.EBADF))
    #expect(h.call(t, .fcntl(fd: f, command: .F_GETFL, arg: 0)).returned == .value(Int64(O_LARGEFILE)))
    #expect(h.call(t, .dup(fd: f)).returned == .value(4))
  }

  @Test("open: ENOENT, ENOTDIR, ENXIO for a socket's inode; a directory opens and reads EISDIR")
  func openErrors() {
    let h = Harness()
    let t = h.task("t")
    #expect(h.call(t, .open(path: "missing")).returned == .error(.ENOENT))
    _ = h.call(t, .createFile(path: "f"))
    #expect(h.call(t, .open(path: "f/x")).returned == .error(.ENOTDIR))
    _ = h.listener(t, "s.sock", backlog: 1)
    #expect(h.call(t, .open(path: "s.sock")).returned == .error(.ENXIO))
    _ = h.call(t, .mkdir(path: "d"))
    let d = Int32(h.call(t, .open(path: "d"))!.value)
    #expect(h.call(t, .read(fd: d, length: 0)).returned == .error(.EISDIR))
  }

  @Test("poll of a file is DEFAULT_POLLMASK, cut to what was asked")
  func pollFile() {
    let h = Harness()
    let t = h.task("t")
    let f = opened(h, t)
    let outcome = h.call(t, .poll(fds: [PollRequest(fd: f, events: [.EPOLLIN, .EPOLLRDHUP])], timeoutMs: 0))
    #expect(outcome?.revents == [.EPOLLIN])
  }

  @Test("accept4 on a file: EBADF first (fdget), then its flags (EINVAL), then ENOTSOCK")
  func accept4Order() {
    let h = Harness()
    let t = h.task("t")
    let f = opened(h, t)
    #expect(h.call(t, .accept(fd: f, flags: 0x40)).returned == .error(.EINVAL))
    #expect(h.call(t, .accept(fd: f, flags: SOCK_NONBLOCK)).returned == .error(.ENOTSOCK))
    #expect(h.call(t, .close(fd: f)).returned == .value(0))
    #expect(h.call(t, .accept(fd: f, flags: 0x40)).returned == .error(.EBADF))
  }
}
