import SyscallVocabulary
import Testing

@testable import SockKernel

/// `sk_getsockopt` for the `int` options: the values a socket starts with, options by
/// number, and the length the caller passes.
@Suite("sk_getsockopt: SOL_SOCKET int options, by word or number, and optlen")
struct SockGetsockoptTests {
  func get(_ h: Harness, _ task: TaskID, _ fd: Int32, _ option: IntOption, optlen: Int32 = 4) -> SyscallOutcome? {
    h.call(task, .getIntOption(fd: fd, option: option, optlen: optlen))
  }

  @Test("the receive-side requests start off but SO_PASSRIGHTS, SO_PEEK_OFF is -1, both low-water marks 1")
  func startingValues() {
    let h = Harness()
    let p = h.task("p")
    let s = h.socket(p)
    for option in [IntOption.SO_PASSCRED, .SO_PASSSEC, .SO_PASSPIDFD, .SO_REUSEADDR, .SO_KEEPALIVE, .SO_OOBINLINE] {
      #expect(get(h, p, s, option)?.optionValue == 0, "\(option)")
    }
    #expect(get(h, p, s, .SO_PASSRIGHTS)?.optionValue == 1)
    #expect(get(h, p, s, .SO_PEEK_OFF)?.optionValue == -1)
    #expect(get(h, p, s, .SO_RCVLOWAT)?.optionValue == 1)
    #expect(get(h, p, s, .SO_SNDLOWAT)?.optionValue == 1)
  }

  @Test("a number names its option; a number without a case, past the last option or negative is ENOPROTOOPT")
  func byNumber() {
    #expect(IntOption(number: 7) == .SO_SNDBUF)
    #expect(IntOption(number: 83) == .SO_PASSRIGHTS)
    #expect(IntOption.SO_PEEK_OFF.number == 42)
    for (option, number) in IntOption.named {
      #expect(IntOption(number: number) == option && option.number == number, "\(option)")
    }
    let h = Harness()
    let p = h.task("p")
    let s = h.socket(p)
    for number: Int32 in [0, 27, 31, 84, 1000, -1] {
      #expect(h.call(p, .getIntOption(fd: s, option: IntOption(number: number))).returned == .error(.ENOPROTOOPT))
    }
  }

  @Test("an option the kernel answers but the model does not keep is not modelled, not ENOPROTOOPT")
  func answeredButNotKept() {
    let h = Harness()
    let p = h.task("p")
    let s = h.socket(p)
    _ = h.call(p, .getIntOption(fd: s, option: .unnamed(13)))
    let reported = h.events.contains { if case .notModelled = $0 { true } else { false } }
    #expect(reported)
  }

  @Test("a negative length is EINVAL before the option is looked at, even an unknown one")
  func negativeLength() {
    let h = Harness()
    let p = h.task("p")
    let s = h.socket(p)
    #expect(h.call(p, .getIntOption(fd: s, option: .SO_SNDBUF, optlen: -1)).returned == .error(.EINVAL))
    #expect(h.call(p, .getIntOption(fd: s, option: .unnamed(99), optlen: -1)).returned == .error(.EINVAL))
  }

  @Test("a short length copies the low bytes; a long one is written back as sizeof(int)")
  func lengths() {
    let h = Harness()
    let p = h.task("p")
    let s = h.socket(p)
    let full = get(h, p, s, .SO_SNDBUF)?.optionValue ?? 0
    #expect(get(h, p, s, .SO_SNDBUF, optlen: 2)?.optionValue == full & 0xffff)
    #expect(get(h, p, s, .SO_SNDBUF, optlen: 2)?.optionLength == 2)
    #expect(get(h, p, s, .SO_SNDBUF, optlen: 0)?.optionValue == 0)
    #expect(get(h, p, s, .SO_SNDBUF, optlen: 64)?.optionLength == 4)
    #expect(get(h, p, s, .SO_SNDBUF, optlen: 64)?.optionValue == full)
  }

  @Test("a read of SO_ERROR with length 0 still takes the pending error")
  func zeroLengthTakesError() {
    let h = Harness()
    let p = h.task("p")
    // Closed with data unread, each pair's `a` leaves ECONNRESET pending on `b`.
    for takenFirst in [false, true] {
      let (a, b) = h.socketpair(p, .stream)
      _ = h.call(p, .send(fd: b, data: .bytes([1]), flags: [], address: nil))
      _ = h.call(p, .close(fd: a))
      if takenFirst { #expect(get(h, p, b, .SO_ERROR, optlen: 0)?.optionValue == 0) }
      #expect(get(h, p, b, .SO_ERROR)?.optionValue == (takenFirst ? 0 : Errno.ECONNRESET.rawValue))
    }
  }

  @Test("setsockopt of an int: a length below sizeof(int) is EINVAL and changes nothing; a longer one reads 4 bytes")
  func setLength() {
    let h = Harness()
    let p = h.task("p")
    let s = h.socket(p)
    for optlen: Int32 in [3, 0, -1] {
      let set = Syscall.setIntOption(fd: s, option: .SO_SNDBUF, value: 8192, optlen: optlen)
      #expect(h.call(p, set).returned == .error(.EINVAL))
    }
    #expect(get(h, p, s, .SO_SNDBUF)?.optionValue == 212992)
    #expect(h.call(p, .setIntOption(fd: s, option: .SO_SNDBUF, value: 8192, optlen: 64)).returned == .value(0))
    #expect(get(h, p, s, .SO_SNDBUF)?.optionValue == 16384)
  }
}
