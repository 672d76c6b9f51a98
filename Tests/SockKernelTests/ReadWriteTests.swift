import SockKernel
import SyscallVocabulary
import Testing

/// `read` and `write` on a socket (`sock_read_iter`, `sock_write_iter` in net/socket.c).
@Suite("read and write")
struct ReadWriteTests {
  @Test("a read of 0 bytes returns 0 at once; a recv of 0 bytes sleeps until data comes")
  func zeroLengthRead() {
    let h = Harness()
    let t = h.task("t")
    let other = h.task("other")
    let (a, b) = h.call(t, .socketpair(type: .stream))!.pair!.fds
    #expect(h.call(t, .read(fd: a, length: 0)).returned == .value(0))
    let recv = h.start(t, .recv(fd: a, length: 0, flags: []))
    #expect(h.returned(recv) == .notReturned)
    #expect(h.call(other, .write(fd: b, data: .bytes([7]))).returned == .value(1))
    _ = h.kernel.run { h.result(recv) != nil }
    #expect(h.returned(recv) == .value(0))
    #expect(h.call(other, .read(fd: a, length: 4))?.data == .bytes([7]))
  }

  @Test("a read of 0 bytes on an unconnected stream socket is 0, not unix_stream_recvmsg's EINVAL")
  func zeroReadSkipsTheSocket() {
    let h = Harness()
    let t = h.task("t")
    let u = h.socket(t)
    #expect(h.call(t, .read(fd: u, length: 0)).returned == .value(0))
    #expect(h.call(t, .read(fd: u, length: 1)).returned == .error(.EINVAL))
  }

  @Test("write is send without flags: EPIPE raises SIGPIPE, even for 0 bytes; ENOTCONN without a peer")
  func writeRaisesSigpipe() {
    let h = Harness()
    let t = h.task("t")
    let (a, b) = h.call(t, .socketpair(type: .stream))!.pair!.fds
    #expect(h.call(t, .close(fd: b)).returned == .value(0))
    let broken = h.call(t, .write(fd: a, data: .bytes([])))
    #expect(broken.returned == .error(.EPIPE))
    #expect(broken?.raised == .SIGPIPE)
    let u = h.socket(t)
    #expect(h.call(t, .write(fd: u, data: .bytes([]))).returned == .error(.ENOTCONN))
  }

  @Test("read follows the file's O_NONBLOCK and reports no sender on a datagram socket")
  func readFlagsAndSender() {
    let h = Harness()
    let t = h.task("t")
    let (a, b) = h.call(t, .socketpair(type: .dgram))!.pair!.fds
    #expect(h.call(t, .fcntl(fd: a, command: .F_SETFL, arg: O_NONBLOCK)).returned == .value(0))
    #expect(h.call(t, .read(fd: a, length: 4)).returned == .error(.EAGAIN))
    #expect(h.call(t, .write(fd: b, data: .bytes([1, 2]))).returned == .value(2))
    let read = h.call(t, .read(fd: a, length: 4))
    #expect(read.returned == .value(2))
    #expect(read?.sender == nil)
  }
}
