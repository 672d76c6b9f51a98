import SockKernel
import SyscallVocabulary
import Testing

/// A kernel's sockets go with it: connected pairs point at each other and a listener's
/// queue holds embryos that point back at their clients, and none of that may outlive the
/// kernel (a fuzzer or a REPL creates thousands of kernels).
@Suite("object lifetime")
struct LifetimeTests {
  @Test("sockets of a dropped kernel are freed: connected pairs, queued embryos, and sleepers on wait queues")
  func socketsAreFreed() {
    weak var client: Sock?
    weak var listener: Sock?
    weak var blocked: Sock?
    do {
      let h = Harness()
      let server = h.task("server")
      let c1 = h.task("c1")
      let c2 = h.task("c2")
      let c3 = h.task("c3")
      _ = h.call(server, .socket(type: .stream, protocol: 0))
      _ = h.call(server, .bind(fd: 3, address: .filesystem("s.sock")))
      _ = h.call(server, .listen(fd: 3, backlog: 0))
      _ = h.call(c1, .socket(type: .stream, protocol: 0))
      _ = h.call(c1, .connect(fd: 4, address: .filesystem("s.sock")))
      _ = h.call(c2, .socket(type: .stream, protocol: 0))
      _ = h.call(c3, .socket(type: .stream, protocol: 0))
      // c2 and c3 sleep on the listener's peer_wait for good: two linked wait-queue entries.
      h.start(c2, .connect(fd: 5, address: .filesystem("s.sock")))
      h.start(c3, .connect(fd: 6, address: .filesystem("s.sock")))
      listener = h.kernel.sock(fd: 3)
      client = h.kernel.sock(fd: 4)
      blocked = h.kernel.sock(fd: 5)
      #expect(client?.peer != nil)
      #expect(listener?.receiveQueueLength == 1)
    }
    #expect(client == nil)
    #expect(listener == nil)
    #expect(blocked == nil)
  }
}
