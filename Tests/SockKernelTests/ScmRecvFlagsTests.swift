import SyscallVocabulary
import Testing

@testable import SockKernel

/// `sk_scm_recv_flags`: SO_PASSCRED, SO_PASSSEC, SO_PASSPIDFD and SO_PASSRIGHTS as a socket
/// keeps them, copies them to its connections and autobinds for them.
@Suite("sk_scm_recv_flags: the SO_PASS* switches and the autobind SO_PASSCRED makes")
struct ScmRecvFlagsTests {
  func set(_ h: Harness, _ task: TaskID, _ fd: Int32, _ option: IntOption, _ value: Int32) -> SyscallOutcome? {
    h.call(task, .setIntOption(fd: fd, option: option, value: value))
  }
  func get(_ h: Harness, _ task: TaskID, _ fd: Int32, _ option: IntOption) -> Int32? {
    h.call(task, .getIntOption(fd: fd, option: option))?.optionValue
  }
  func name(_ h: Harness, _ task: TaskID, _ fd: Int32) -> SockAddrUn? {
    h.call(task, .getName(fd: fd, peer: false))?.name
  }

  @Test("each switch reads back as set, any non-zero value as 1; SO_PASSRIGHTS starts on")
  func valbool() {
    let h = Harness()
    let p = h.task("p")
    let s = h.socket(p)
    #expect(get(h, p, s, .SO_PASSRIGHTS) == 1)
    for option in [IntOption.SO_PASSCRED, .SO_PASSSEC, .SO_PASSPIDFD, .SO_PASSRIGHTS] {
      _ = set(h, p, s, option, 5)
      #expect(get(h, p, s, option) == 1, "\(option)")
      _ = set(h, p, s, option, 0)
      #expect(get(h, p, s, option) == 0, "\(option)")
    }
  }

  @Test("a connection's socket gets the listener's switches as of the connect, not the accept")
  func copiedAtConnect() {
    let h = Harness()
    let p = h.task("p")
    let l = h.listener(p, "s.sock", backlog: 5)
    let early = h.socket(p)
    _ = h.connect(p, early, "s.sock")
    _ = set(h, p, l, .SO_PASSCRED, 1)
    let late = h.socket(p)
    _ = h.connect(p, late, "s.sock")
    _ = set(h, p, l, .SO_PASSCRED, 0)
    let first = Int32(h.call(p, .accept(fd: l, flags: 0))!.value)
    let second = Int32(h.call(p, .accept(fd: l, flags: 0))!.value)
    #expect(get(h, p, first, .SO_PASSCRED) == 0)
    #expect(get(h, p, second, .SO_PASSCRED) == 1)
  }

  @Test("SO_PASSCRED or SO_PASSPIDFD autobinds at stream connect (even one that fails), dgram connect and send")
  func autobinds() {
    let h = Harness()
    let p = h.task("p")
    _ = h.listener(p, "s.sock", backlog: 5)
    let c = h.socket(p)
    _ = set(h, p, c, .SO_PASSCRED, 1)
    #expect(h.connect(p, c, "nowhere").returned == .error(.ENOENT))
    #expect(name(h, p, c).map(AutobindShape.holds) == true)
    let d = h.dgram(p)
    _ = set(h, p, d, .SO_PASSPIDFD, 1)
    _ = h.dgram(p, bound: "log")
    _ = h.call(p, .send(fd: d, data: .bytes([1]), flags: [], address: .filesystem("log")))
    #expect(name(h, p, d).map(AutobindShape.holds) == true)
    let plain = h.dgram(p)
    _ = h.call(p, .send(fd: plain, data: .bytes([1]), flags: [], address: .filesystem("log")))
    #expect(name(h, p, plain)?.length == 2)
    let passsec = h.socket(p)
    _ = set(h, p, passsec, .SO_PASSSEC, 1)
    _ = h.connect(p, passsec, "s.sock")
    #expect(name(h, p, passsec)?.length == 2)
  }
}

/// `"\0"` and five hex digits, length 8.
enum AutobindShape {
  static func holds(_ address: SockAddrUn) -> Bool { address.isAbstract && address.length == 8 }
}
