import SyscallVocabulary
import Testing

@testable import SockKernel

/// The generic socket layer's choices before AF_UNIX's own functions run: which `proto_ops`
/// entry a call reaches, and the conversions C makes on the way.
@Suite("proto_ops: sock_no_accept, the u32 backlog")
struct ProtoOpsTests {
  @Test("accept on a datagram socket is sock_no_accept's EOPNOTSUPP, and frees the descriptor it reserved")
  func dgramAcceptIsSockNoAccept() {
    let h = Harness()
    let t = h.task("t")
    let d = h.dgram(t, bound: "d.sock")
    let outcome = h.call(t, .accept(fd: d, flags: 0))
    #expect(outcome.returned == .error(.EOPNOTSUPP))
    #expect(outcome?.reason?.function == "sock_no_accept")
    // The descriptor __sys_accept4_file took first is free again: the next socket gets it.
    #expect(h.socket(t) == d + 1)
  }

  @Test("a negative backlog left by a negative somaxconn is stored by its bit pattern (sk_max_ack_backlog is a u32)")
  func negativeSomaxconn() {
    var config = KernelConfig()
    config.somaxconn = -1
    let h = Harness(config: config)
    let t = h.task("t")
    let l = h.listener(t, "s.sock", backlog: -1)
    #expect(h.kernel.sock(fd: l)?.maxAckBacklog == UInt32.max)
  }
}
