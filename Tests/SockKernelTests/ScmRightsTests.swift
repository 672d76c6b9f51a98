import SyscallVocabulary
import Testing

@testable import SockKernel

/// SCM_RIGHTS: files sent in a control message, counted in flight while queued, and handed
/// out as new descriptors (`scm_fp_copy`, `unix_attach_fds`, `unix_stream_read_generic`,
/// `scm_detach_fds`).
@Suite("SCM_RIGHTS: sending, in flight and receiving descriptors")
struct ScmRightsTests {
  func sendmsg(_ h: Harness, _ task: TaskID, _ fd: Int32, _ data: String, rights: [Int32]) -> SyscallOutcome? {
    h.call(task, .sendmsg(fd: fd, message: SendMessage(iov: [.bytes(Array(data.utf8))], rights: rights)))
  }
  func recvmsg(
    _ h: Harness, _ task: TaskID, _ fd: Int32, _ length: Int, control: Int, flags: MessageFlags = [.MSG_DONTWAIT]
  ) -> SyscallOutcome? {
    h.call(task, .recvmsg(fd: fd, request: ReceiveRequest(iov: [length], controlLength: control, flags: flags)))
  }
  func text(_ outcome: SyscallOutcome?) -> String? {
    outcome?.data.map { String(decoding: $0.materialized, as: UTF8.self) }
  }

  @Test("the receiver gets the lowest free descriptor for the same socket, which outlives the sender's")
  func passes() {
    let h = Harness()
    let p = h.task("p")
    let (a, b) = h.socketpair(p, .stream)
    let (c, d) = h.socketpair(p, .stream)
    #expect(sendmsg(h, p, a, "x", rights: [c])?.value == 1)
    #expect(h.call(p, .close(fd: c))?.value == 0)
    let got = recvmsg(h, p, b, 10, control: ControlMessage.space(4))
    #expect(got?.message?.rights == [c])
    #expect(got?.message?.controlLength == 24)
    #expect(got?.message?.flags == [])
    _ = h.send(p, c, .bytes([7]))
    #expect(h.recv(p, d, 10)?.value == 1)
  }

  @Test("EBADF for a descriptor that is not open, EINVAL past SCM_MAX_FD, before anything is queued")
  func lookupFirst() {
    let h = Harness()
    let p = h.task("p")
    let (a, b) = h.socketpair(p, .stream)
    #expect(sendmsg(h, p, a, "x", rights: [a, 99])?.errno == .EBADF)
    #expect(sendmsg(h, p, a, "x", rights: Array(repeating: a, count: 254))?.errno == .EINVAL)
    #expect(sendmsg(h, p, a, "x", rights: Array(repeating: a, count: 253))?.value == 1)
    #expect(h.recv(p, b, 10)?.value == 1)
  }

  @Test("a stream read stops after the skb with files; the skb before it merges")
  func streamStops() {
    let h = Harness()
    let p = h.task("p")
    let (a, b) = h.socketpair(p, .stream)
    let (c, _) = h.socketpair(p, .stream)
    _ = h.send(p, a, .bytes(Array("one".utf8)))
    _ = sendmsg(h, p, a, "two", rights: [c])
    _ = h.send(p, a, .bytes(Array("three".utf8)))
    #expect(text(recvmsg(h, p, b, 100, control: 24)) == "onetwo")
    #expect(text(recvmsg(h, p, b, 100, control: 24)) == "three")
  }

  @Test("no control buffer drops the files with MSG_CTRUNC; a short one keeps what fits")
  func ctrunc() {
    let h = Harness()
    let p = h.task("p")
    let (a, b) = h.socketpair(p, .dgram)
    let (c, d) = h.socketpair(p, .stream)
    let (e, f) = h.socketpair(p, .stream)
    _ = sendmsg(h, p, a, "1", rights: [c])
    #expect(recvmsg(h, p, b, 10, control: 0)?.message?.flags == [.MSG_CTRUNC])
    _ = sendmsg(h, p, a, "2", rights: [c, e])
    let short = recvmsg(h, p, b, 10, control: ControlMessage.length(4))
    #expect(short?.message?.rights.count == 1)
    #expect(short?.message?.flags == [.MSG_CTRUNC])
    _ = h.call(p, .close(fd: e))
    #expect(h.recv(p, f, 10)?.value == 0)
    _ = h.call(p, .close(fd: c))
    #expect(h.recv(p, d, 10)?.errno == .EAGAIN)
  }

  @Test("SO_PASSRIGHTS off on the receiver: EPERM for a message with files, the files released")
  func passrightsOff() {
    let h = Harness()
    let p = h.task("p")
    let (a, b) = h.socketpair(p, .stream)
    let (c, d) = h.socketpair(p, .stream)
    _ = h.call(p, .setIntOption(fd: b, option: .SO_PASSRIGHTS, value: 0))
    #expect(sendmsg(h, p, a, "x", rights: [c])?.errno == .EPERM)
    _ = h.call(p, .close(fd: c))
    #expect(h.recv(p, d, 10)?.value == 0)
  }

  @Test("files in flight count against the user; past RLIMIT_NOFILE without root: ETOOMANYREFS")
  func tooMany() {
    let h = Harness()
    let p = h.task("p")
    let (a, b) = h.socketpair(p, .stream)
    _ = h.call(p, .setuid(40017))
    _ = h.call(p, .setrlimitNofile(RLimit(cur: 100, max: 100)))
    _ = h.call(p, .setrlimitNofile(RLimit(cur: 1, max: 100)))
    #expect(sendmsg(h, p, a, "1", rights: [a])?.value == 1)
    #expect(sendmsg(h, p, a, "2", rights: [a])?.value == 1)
    #expect(sendmsg(h, p, a, "3", rights: [a])?.errno == .ETOOMANYREFS)
    #expect(h.kernel.unixInflight[40017] == 2)
    _ = h.recv(p, b, 1)
    #expect(h.kernel.unixInflight[40017] == 1)
    #expect(sendmsg(h, p, a, "4", rights: [a])?.value == 1)
  }

  @Test("closing the receiver releases the files queued on it")
  func purged() {
    let h = Harness()
    let p = h.task("p")
    let (a, b) = h.socketpair(p, .stream)
    let (c, d) = h.socketpair(p, .stream)
    _ = sendmsg(h, p, a, "x", rights: [c])
    _ = h.call(p, .close(fd: c))
    #expect(h.recv(p, d, 10)?.errno == .EAGAIN)
    _ = h.call(p, .close(fd: b))
    #expect(h.recv(p, d, 10)?.value == 0)
    #expect(h.kernel.unixTotInflight == 0)
  }

  @Test("MSG_CMSG_CLOEXEC marks the received descriptors FD_CLOEXEC and stays in msg_flags")
  func cloexec() {
    let h = Harness()
    let p = h.task("p")
    let (a, b) = h.socketpair(p, .dgram)
    _ = sendmsg(h, p, a, "x", rights: [a])
    let got = recvmsg(h, p, b, 10, control: 24, flags: [.MSG_DONTWAIT, .MSG_CMSG_CLOEXEC])
    #expect(got?.message?.flags == [.MSG_CMSG_CLOEXEC])
    let fd = got?.message?.rights.first ?? -1
    #expect(h.call(p, .fcntl(fd: fd, command: .F_GETFD, arg: 0))?.value == Int64(FD_CLOEXEC))
  }
}
