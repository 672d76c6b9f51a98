import SyscallVocabulary
import Testing

/// The vocabulary is what a trace prints and what both backends return, so its names and
/// numbers must be the kernel's: a wrong one would show in every script's output.
@Suite("SyscallVocabulary: names and numbers as the kernel has them")
struct VocabularyTests {
  @Test("errnos keep Linux's numbers, names and strerror texts")
  func errnos() {
    #expect(Errno.EAGAIN.rawValue == 11)
    #expect(Errno.EAGAIN.name == "EAGAIN")
    #expect(Errno.EAGAIN.message == "Resource temporarily unavailable")
    #expect(Errno(name: "ECONNREFUSED") == .ECONNREFUSED)
    #expect(Errno(name: "ENOSUCH") == nil)
  }

  @Test("a call is named as strace names it")
  func syscallNames() {
    #expect(Syscall.accept(fd: 3, flags: 0).name == "accept")
    #expect(Syscall.accept(fd: 3, flags: SOCK_NONBLOCK).name == "accept4")
    #expect(Syscall.send(fd: 3, data: .zeros(1), flags: [], address: nil).name == "send")
    #expect(Syscall.send(fd: 3, data: .zeros(1), flags: [], address: .filesystem("a")).name == "sendto")
    #expect(Syscall.kill(task: TaskID(rawValue: 0), signal: .SIGUSR1).name == "tgkill")
  }

  @Test("addresses: addrlen counts the NUL of a path; an abstract name shows its leading @")
  func addresses() {
    let path = SockAddrUn.filesystem("server.sock")
    #expect(path.length == 2 + 11 + 1)
    #expect(!path.isAbstract)
    #expect(SockAddrUn.abstract(Array("name".utf8)).isAbstract)
    #expect(AF_UNSPEC == 0 && AF_UNIX == 1)
  }

  @Test("an address shows as strace shows it: quotes, backslashes and unprintable bytes escaped")
  func addressDisplay() {
    #expect(SockAddrUn.filesystem("server.sock").display == #""server.sock""#)
    #expect(SockAddrUn.filesystem("a\"b\\c").display == #""a\"b\\c""#)
    #expect(SockAddrUn(path: Array("x\u{1}\u{7f}".utf8) + [0xff, 0], length: 7).display == #""x\x01\x7f\xff""#)
    #expect(SockAddrUn.abstract([0x6e, 0x00, 0x0a]).display == #"@"n\x00\x0a""#)
    #expect(SockAddrUn.escape([UInt8](" ~\t".utf8)) == #" ~\x09"#)
  }

  @Test("flags and sysctls print as the kernel's names")
  func flagsAndSysctls() {
    #expect(MessageFlags([.MSG_PEEK, .MSG_DONTWAIT]).description == "MSG_PEEK|MSG_DONTWAIT")
    #expect(MessageFlags().description == "0")
    #expect(Sysctl.somaxconn.procPath == "/proc/sys/net/core/somaxconn")
    #expect(Sysctl.wmemMax.range.lowerBound == Int64(SOCK_MIN_SNDBUF))
  }
}

@Suite("A box made when first set")
struct BoxMadeWhenFirstSetTests {
  private final class Box { var value = 0 }

  @Test("made once, by the first ask; held and returned after")
  func madeOnce() {
    var box: Box?
    var made = 0
    func make() -> Box {
      made += 1
      return Box()
    }
    let first = box.made(by: make)
    first.value = 7
    let second = box.made(by: make)
    #expect(made == 1)
    #expect(first === second)
    #expect(box?.value == 7)
  }
}
