import SyscallVocabulary
import Testing

@testable import SockKernel

/// A socket's names (`unix_getname`) and the options about the socket itself.
@Suite("names: unix_getname, SO_DOMAIN, SO_PROTOCOL, SO_ACCEPTCONN")
struct GetnameTests {
  func name(_ h: Harness, _ task: TaskID, _ fd: Int32, peer: Bool = false) -> SockAddrUn? {
    h.call(task, .getName(fd: fd, peer: peer))?.name
  }

  @Test("a listener's name is its path with the stored length; it has no peer")
  func listenerName() {
    let h = Harness()
    let p = h.task("p")
    let lfd = h.listener(p, "s.sock", backlog: 5)
    #expect(name(h, p, lfd)?.display == "\"s.sock\"")
    #expect(name(h, p, lfd)?.length == 9)
    #expect(h.call(p, .getName(fd: lfd, peer: true)).returned == .error(.ENOTCONN))
  }

  @Test(
    "an unbound client's name is the family alone; its peer is the listener; the accepted socket has the listener's name"
  )
  func connectedNames() {
    let h = Harness()
    let p = h.task("p")
    let lfd = h.listener(p, "s.sock", backlog: 5)
    let c = h.socket(p)
    _ = h.connect(p, c, "s.sock")
    #expect(name(h, p, c)?.length == 2)
    #expect(name(h, p, c, peer: true)?.display == "\"s.sock\"")
    let a = Int32(h.call(p, .accept(fd: lfd, flags: 0))!.value)
    #expect(name(h, p, a)?.display == "\"s.sock\"")
    #expect(name(h, p, a, peer: true)?.length == 2)
    // The peer's close leaves the survivor's peer: it still names it.
    _ = h.call(p, .close(fd: a))
    #expect(name(h, p, c, peer: true)?.display == "\"s.sock\"")
  }

  @Test("an abstract name keeps the length bind was given, embedded NULs too")
  func abstractName() {
    let h = Harness()
    let p = h.task("p")
    let s = h.socket(p)
    #expect(h.call(p, .bind(fd: s, address: .abstract([0x61, 0, 0x62]))).returned == .value(0))
    let got = name(h, p, s)
    #expect(got?.length == 6)
    #expect(got?.isAbstract == true)
  }

  @Test("getsockname of a descriptor that is no socket is ENOTSOCK; of a closed one EBADF")
  func notASocket() {
    let h = Harness()
    let p = h.task("p")
    #expect(h.call(p, .getName(fd: 9, peer: false)).returned == .error(.EBADF))
    _ = h.call(p, .createFile(path: "f"))
    let f = Int32(h.call(p, .open(path: "f"))!.value)
    #expect(h.call(p, .getName(fd: f, peer: false)).returned == .error(.ENOTSOCK))
  }

  @Test("SO_DOMAIN is AF_UNIX, SO_PROTOCOL 0, SO_ACCEPTCONN 1 only while listening")
  func identityOptions() {
    let h = Harness()
    let p = h.task("p")
    let lfd = h.listener(p, "s.sock", backlog: 5)
    let c = h.socket(p)
    #expect(h.call(p, .getIntOption(fd: lfd, option: .SO_DOMAIN))?.optionValue == AF_UNIX)
    #expect(h.call(p, .getIntOption(fd: lfd, option: .SO_PROTOCOL))?.optionValue == 0)
    #expect(h.call(p, .getIntOption(fd: lfd, option: .SO_ACCEPTCONN))?.optionValue == 1)
    #expect(h.call(p, .getIntOption(fd: c, option: .SO_ACCEPTCONN))?.optionValue == 0)
    #expect(h.call(p, .setIntOption(fd: c, option: .SO_ACCEPTCONN, value: 1)).returned == .error(.ENOPROTOOPT))
  }
}
