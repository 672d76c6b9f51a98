import SyscallVocabulary

#if canImport(Glibc)
  import Glibc

  /// The running kernel's version, from `uname`: what the time window needs to know of it.
  enum KernelVersion {
    /// `6.18.44-fc-v1045` → (6, 18); nil when the release does not start with two numbers.
    static func parse(_ release: String) -> (major: Int, minor: Int)? {
      let numbers = release.split(whereSeparator: { !$0.isNumber }).prefix(2).compactMap { Int($0) }
      return numbers.count == 2 ? (numbers[0], numbers[1]) : nil
    }

    static let running: (major: Int, minor: Int)? = {
      var name = utsname()
      guard uname(&name) == 0 else { return nil }
      let release = withUnsafeBytes(of: &name.release) { String(decoding: $0.prefix { $0 != 0 }, as: UTF8.self) }
      return parse(release)
    }()

    /// The timer wheel of Linux 4.8 and later rounds every expiry up by at least a jiffy
    /// (`calc_index`); an unknown version is taken to be recent.
    static var wheelRoundsExpiryUp: Bool { atLeast(4, 8) }

    /// Ticks fall on multiples of the jiffy in CLOCK_MONOTONIC (`tick/common: Align tick
    /// period with the HZ tick`, Linux 6.4; stable kernels that took it are treated as
    /// older, which only widens the window).
    static var ticksAligned: Bool { atLeast(6, 4) }

    private static func atLeast(_ major: Int, _ minor: Int) -> Bool {
      guard let version = running else { return true }
      return version >= (major, minor)
    }
  }
#endif
