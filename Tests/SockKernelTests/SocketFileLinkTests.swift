import SyscallVocabulary
import Testing

@testable import SockKernel

/// `sk->sk_socket->file` is an unowned link that the file's end clears: it must read as the
/// open file while there is one, and as nil once the last reference went, as a weak one did.
@Suite("a socket's link to its file")
struct SocketFileLinkTests {
  @Test("the link is the descriptor's file while open, and nil once the last descriptor is closed")
  func clearedAtClose() {
    let h = Harness()
    let t = h.task("t")
    let (a, b) = h.socketpair(t, .stream)
    let peer = h.kernel.sock(fd: b)!.peer!
    #expect(peer.file === h.kernel.files[Int(a)])
    let dup = h.call(t, .dup(fd: a))!.value
    #expect(h.call(t, .close(fd: a))?.value == 0)
    // The duplicate still holds the file.
    #expect(peer.file === h.kernel.files[Int(dup)])
    #expect(h.call(t, .close(fd: Int32(dup)))?.value == 0)
    #expect(peer.file == nil)
  }

  @Test("an embryo has no file until accept grafts one")
  func embryoGrafted() {
    let h = Harness()
    let server = h.task("server")
    let client = h.task("client")
    let listener = h.listener(server, "l.sock", backlog: 1)
    #expect(h.connect(client, h.socket(client), "l.sock")?.returned == .value(0))
    let embryo = h.kernel.sock(fd: listener)!.receiveQueue.first!.embryo!
    #expect(embryo.file == nil)
    let fd = h.call(server, .accept(fd: listener, flags: 0))!.value
    #expect(embryo.file === h.kernel.files[Int(fd)])
    #expect(h.kernel.sock(fd: Int32(fd)) === embryo)
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
