import SockKernel
import SyscallVocabulary
import Testing

/// SOCK_NONBLOCK and SOCK_CLOEXEC in `socket`, `socketpair` and `accept4` (net/socket.c).
@Suite("socket flags")
struct SocketFlagsTests {
  private func getfl(_ h: Harness, _ t: TaskID, _ fd: Int32) -> Returned {
    h.call(t, .fcntl(fd: fd, command: .F_GETFL, arg: 0)).returned
  }
  private func getfd(_ h: Harness, _ t: TaskID, _ fd: Int32) -> Returned {
    h.call(t, .fcntl(fd: fd, command: .F_GETFD, arg: 0)).returned
  }

  @Test("sock_map_fd: SOCK_NONBLOCK goes to the file, SOCK_CLOEXEC to the descriptor")
  func socketFlags() {
    let h = Harness()
    let t = h.task("t")
    let fd = Int32(h.call(t, .socket(type: .dgram, protocol: 0, flags: SOCK_NONBLOCK | SOCK_CLOEXEC))!.value)
    #expect(getfl(h, t, fd) == .value(Int64(O_RDWR | O_NONBLOCK)))
    #expect(getfd(h, t, fd) == .value(1))
    #expect(h.call(t, .recv(fd: fd, length: 1, flags: [])).returned == .error(.EAGAIN))
  }

  @Test("__sys_socket_create refuses other flag bits with EINVAL before unix_create checks the protocol")
  func unknownFlags() {
    let h = Harness()
    let t = h.task("t")
    let refused = h.call(t, .socket(type: .stream, protocol: 99, flags: 0x40))
    #expect(refused.returned == .error(.EINVAL))
    #expect(refused?.reason?.function == "__sys_socket_create")
    #expect(h.call(t, .socketpair(type: .stream, flags: 0x40))?.reason?.function == "__sys_socketpair")
    // Nothing was installed: the next socket gets descriptor 3.
    #expect(h.call(t, .socket(type: .stream, protocol: 0)).returned == .value(3))
  }

  @Test("__sys_socketpair: both ends get the flags")
  func socketpairFlags() {
    let h = Harness()
    let t = h.task("t")
    let (a, b) = h.call(t, .socketpair(type: .stream, flags: SOCK_NONBLOCK | SOCK_CLOEXEC))!.pair!.fds
    for fd in [a, b] {
      #expect(getfl(h, t, fd) == .value(Int64(O_RDWR | O_NONBLOCK)))
      #expect(getfd(h, t, fd) == .value(1))
    }
  }

  @Test("accept4's flags are the new socket's; the listener's O_NONBLOCK is not inherited")
  func accept4Flags() {
    let h = Harness()
    let server = h.task("server")
    let client = h.task("client")
    let listener = h.listener(server, "s.sock", backlog: 2)
    #expect(h.call(server, .fcntl(fd: listener, command: .F_SETFL, arg: O_NONBLOCK)).returned == .value(0))
    for _ in 0..<2 {
      let c = h.socket(client)
      _ = h.call(client, .connect(fd: c, address: .filesystem("s.sock")))
    }
    let plain = Int32(h.call(server, .accept(fd: listener, flags: 0))!.value)
    #expect(getfl(h, server, plain) == .value(Int64(O_RDWR)))
    let flagged = Int32(h.call(server, .accept(fd: listener, flags: SOCK_NONBLOCK | SOCK_CLOEXEC))!.value)
    #expect(getfl(h, server, flagged) == .value(Int64(O_RDWR | O_NONBLOCK)))
    #expect(getfd(h, server, flagged) == .value(1))
    #expect(getfd(h, server, plain) == .value(0))
  }

  @Test("accept4 SOCK_NONBLOCK on a blocking listener still sleeps")
  func accept4NonblockStillBlocks() {
    let h = Harness()
    let server = h.task("server")
    let listener = h.listener(server, "s.sock", backlog: 1)
    let tag = h.start(server, .accept(fd: listener, flags: SOCK_NONBLOCK))
    #expect(h.returned(tag) == .notReturned)
  }
}
