import SyscallVocabulary
import Testing

@testable import SockKernel

/// `sk->sk_socket->file`: a socket knows its open file while any reference to the file is
/// held, by a descriptor or a message in flight, and has none once the last one is gone.
@Suite("A socket's file")
struct SockFileTests {
  @Test("the file stays while a dup of the descriptor is open, and goes with the last close")
  func lastClose() {
    let h = Harness()
    let t = h.task("t")
    let (a, _) = h.socketpair(t, .stream)
    // Only the socket is held here: a reference to the file would keep it open.
    let sock = (h.kernel.processes[0].files.fdt[Int(a)] as? SocketFile)?.sock
    let file = sock?.file.map(ObjectIdentifier.init)
    #expect(file != nil)
    let copy = Int32(h.call(t, .dup(fd: a))!.value)
    #expect(h.call(t, .close(fd: a))?.returned == .value(0))
    #expect(sock?.file.map(ObjectIdentifier.init) == file)
    #expect(h.call(t, .close(fd: copy))?.returned == .value(0))
    #expect(sock?.file == nil)
  }

  @Test("a file in flight in SCM_RIGHTS keeps the socket's file after its descriptor is closed")
  func inFlight() {
    let h = Harness()
    let t = h.task("t")
    let (a, b) = h.socketpair(t, .stream)
    let (c, _) = h.socketpair(t, .stream)
    let sock = (h.kernel.processes[0].files.fdt[Int(c)] as? SocketFile)?.sock
    let message = SendMessage(iov: [.bytes([1])], rights: [c])
    #expect(h.call(t, .sendmsg(fd: a, message: message))?.returned == .value(1))
    #expect(h.call(t, .close(fd: c))?.returned == .value(0))
    #expect(sock?.file != nil)
    #expect(h.call(t, .close(fd: b))?.returned == .value(0))
    #expect(h.call(t, .close(fd: a))?.returned == .value(0))
    #expect(sock?.file == nil)
  }
}
