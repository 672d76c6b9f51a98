import SyscallVocabulary
import Testing

@testable import SockKernel

/// SCM_CREDENTIALS: who sent a message (`scm_check_creds`, `unix_maybe_add_creds`,
/// `__scm_recv_common`, the `check_creds` of a stream read).
@Suite("SCM_CREDENTIALS: claimed, attached and delivered credentials")
struct ScmCredentialsTests {
  func creds(_ h: Harness, _ task: TaskID, _ fd: Int32, control: Int = 32) -> SyscallOutcome? {
    h.call(task, .recvmsg(fd: fd, request: ReceiveRequest(iov: [100], controlLength: control, flags: [.MSG_DONTWAIT])))
  }
  func claim(_ h: Harness, _ task: TaskID, _ fd: Int32, _ cred: PeerCred) -> SyscallOutcome? {
    h.call(task, .sendmsg(fd: fd, message: SendMessage(iov: [.bytes([1])], credentials: cred)))
  }

  @Test("SO_PASSCRED on the receiver: the sender's pid and ids; none before it: pid 0 and the overflow ids")
  func attached() {
    let h = Harness()
    let p = h.task("p")
    let (a, b) = h.socketpair(p, .stream)
    _ = h.send(p, a, .bytes([1]))
    _ = h.call(p, .setIntOption(fd: b, option: .SO_PASSCRED, value: 1))
    _ = h.send(p, a, .bytes([2]))
    #expect(creds(h, p, b)?.message?.credentials == PeerCred(pid: 0, uid: 65534, gid: 65534))
    #expect(creds(h, p, b)?.message?.credentials == PeerCred(pid: 1, uid: 0, gid: 0))
  }

  @Test("a stream reader with SO_PASSCRED stops before an skb with other credentials")
  func noGlue() {
    let h = Harness()
    let p = h.task("p")
    let (a, b) = h.socketpair(p, .stream)
    _ = h.send(p, a, .bytes([1]))
    _ = h.call(p, .setIntOption(fd: b, option: .SO_PASSCRED, value: 1))
    _ = h.send(p, a, .bytes([2]))
    #expect(h.recv(p, b, 10)?.value == 1)
    #expect(h.recv(p, b, 10)?.value == 1)
  }

  @Test("claimed credentials: EINVAL for -1, ESRCH for no such pid, EPERM for another's without root")
  func checked() {
    let h = Harness()
    let p = h.task("p")
    let (a, b) = h.socketpair(p, .stream)
    _ = h.call(p, .setIntOption(fd: b, option: .SO_PASSCRED, value: 1))
    #expect(claim(h, p, a, PeerCred(pid: 1, uid: UInt32.max, gid: 0))?.errno == .EINVAL)
    #expect(claim(h, p, a, PeerCred(pid: 9, uid: 0, gid: 0))?.errno == .ESRCH)
    #expect(claim(h, p, a, PeerCred(pid: 1, uid: 7, gid: 8))?.value == 1)
    #expect(creds(h, p, b)?.message?.credentials == PeerCred(pid: 1, uid: 7, gid: 8))
    _ = h.call(p, .setuid(40018))
    #expect(claim(h, p, a, PeerCred(pid: 1, uid: 0, gid: 0))?.errno == .EPERM)
  }

  @Test("no control buffer with SO_PASSCRED: MSG_CTRUNC; too short a buffer cuts the message")
  func ctrunc() {
    let h = Harness()
    let p = h.task("p")
    let (a, b) = h.socketpair(p, .dgram)
    _ = h.call(p, .setIntOption(fd: b, option: .SO_PASSCRED, value: 1))
    _ = h.send(p, a, .bytes([1]))
    #expect(creds(h, p, b, control: 0)?.message?.flags == [.MSG_CTRUNC])
    _ = h.send(p, a, .bytes([1]))
    let short = creds(h, p, b, control: 20)
    #expect(short?.message?.flags == [.MSG_CTRUNC])
    #expect(short?.message?.credentials == nil)
    #expect(short?.message?.controlLength == 20)
  }
}
