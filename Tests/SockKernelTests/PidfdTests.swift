import SyscallVocabulary
import Testing

@testable import SockKernel

/// pidfds handed out by AF_UNIX: SO_PEERPIDFD and SCM_PIDFD (`pidfd_prepare`).
@Suite("pidfds: SO_PEERPIDFD and SCM_PIDFD")
struct PidfdTests {
  @Test("SO_PEERPIDFD: a new descriptor, FD_CLOEXEC, each read another; ENODATA without a peer")
  func peerpidfd() {
    let h = Harness()
    let p = h.task("p")
    let (a, _) = h.socketpair(p, .stream)
    let first = h.call(p, .getIntOption(fd: a, option: .SO_PEERPIDFD))?.optionValue
    #expect(first == 5)
    #expect(h.call(p, .getIntOption(fd: a, option: .SO_PEERPIDFD))?.optionValue == 6)
    #expect(h.call(p, .fcntl(fd: 5, command: .F_GETFD, arg: 0))?.value == Int64(FD_CLOEXEC))
    let u = h.socket(p)
    #expect(h.call(p, .getIntOption(fd: u, option: .SO_PEERPIDFD))?.errno == .ENODATA)
  }

  @Test("SO_PASSPIDFD: SCM_PIDFD with each message, after the descriptors; MSG_CTRUNC without room")
  func scmPidfd() {
    let h = Harness()
    let p = h.task("p")
    let (a, b) = h.socketpair(p, .dgram)
    _ = h.call(p, .setIntOption(fd: b, option: .SO_PASSPIDFD, value: 1))
    _ = h.call(p, .sendmsg(fd: a, message: SendMessage(iov: [.bytes([1])], rights: [a])))
    let got = h.call(
      p, .recvmsg(fd: b, request: ReceiveRequest(iov: [10], controlLength: 64, flags: [.MSG_DONTWAIT])))
    #expect(got?.message?.rights == [5])
    #expect(got?.message?.pidfd == 6)
    _ = h.send(p, a, .bytes([2]))
    let short = h.call(
      p, .recvmsg(fd: b, request: ReceiveRequest(iov: [10], controlLength: 16, flags: [.MSG_DONTWAIT])))
    #expect(short?.message?.flags == [.MSG_CTRUNC])
    #expect(short?.message?.pidfd == nil)
  }
}
