#if canImport(Glibc)
  import Glibc
  import SyscallVocabulary

  /// `ppoll`, `select` and `pselect6` for real, looked up in libc: Swift's Glibc module has
  /// `select` only with a fixed-size `fd_set`, and no `ppoll`. The sets are built as the
  /// kernel reads them, `nfds` bits in longs, so any descriptor number fits.
  extension Syscall {
    typealias Ppoll = @convention(c) (UnsafeMutableRawPointer?, UInt, UnsafeRawPointer?, UnsafeRawPointer?) -> Int32
    typealias Select =
      @convention(c) (
        Int32, UnsafeMutableRawPointer?, UnsafeMutableRawPointer?, UnsafeMutableRawPointer?, UnsafeMutableRawPointer?
      ) -> Int32
    typealias Pselect =
      @convention(c) (
        Int32, UnsafeMutableRawPointer?, UnsafeMutableRawPointer?, UnsafeMutableRawPointer?, UnsafeRawPointer?,
        UnsafeRawPointer?
      ) -> Int32
    nonisolated(unsafe) static let ppollCall = GNU.lookup("ppoll", as: Ppoll.self)
    nonisolated(unsafe) static let selectCall = GNU.lookup("select", as: Select.self)
    nonisolated(unsafe) static let pselectCall = GNU.lookup("pselect", as: Pselect.self)

    /// A `sigset_t` of the model's signals.
    static func sigset(_ set: SigSet) -> sigset_t {
      var signals = sigset_t()
      sigemptyset(&signals)
      for signal in set.signals { sigaddset(&signals, signal.rawValue) }
      return signals
    }

    /// `ppoll(fds, nfds, timeout, sigmask)`: NULL for a timeout or a mask left out.
    static func performPpoll(_ fds: [PollRequest], timeout: Nanoseconds?, sigmask: SigSet?) -> RealResult {
      var entries = fds.map { pollfd(fd: $0.fd, events: Int16(truncatingIfNeeded: $0.events.rawValue), revents: 0) }
      var time = timespec(tv_sec: Int(timeout ?? 0) / 1_000_000_000, tv_nsec: Int(timeout ?? 0) % 1_000_000_000)
      var mask = sigset(sigmask ?? [])
      let returned = entries.withUnsafeMutableBytes { list in
        withUnsafePointer(to: &time) { tmo in
          withUnsafePointer(to: &mask) { signals in
            ppollCall(
              list.baseAddress, UInt(fds.count), timeout == nil ? nil : UnsafeRawPointer(tmo),
              sigmask == nil ? nil : UnsafeRawPointer(signals))
          }
        }
      }
      var result = RealResult.returning(Int64(returned))
      if result.errno == 0 {
        result.revents = entries.map { PollMask(rawValue: UInt32(UInt16(bitPattern: $0.revents))) }
      }
      return result
    }

    /// `select` or `pselect` of the request's sets (NULL for a set left out); what each set
    /// holds afterwards is what was ready.
    static func performSelect(_ request: SelectRequest) -> RealResult {
      let words = max(1, (Int(request.nfds) + 63) / 64)
      func bits(_ fds: [Int32]?) -> [UInt64]? {
        fds.map { list in
          var set = [UInt64](repeating: 0, count: words)
          for fd in list where fd >= 0 && fd < request.nfds { set[Int(fd) / 64] |= 1 << UInt64(fd % 64) }
          return set
        }
      }
      func ready(_ set: [UInt64]?, _ fds: [Int32]?) -> [Int32] {
        guard let set, let fds else { return [] }
        return fds.filter { $0 >= 0 && $0 < request.nfds && set[Int($0) / 64] & (1 << UInt64($0 % 64)) != 0 }.sorted()
      }
      var read = bits(request.read), write = bits(request.write), except = bits(request.except)
      let timeout = request.timeout ?? 0
      var tv = timeval(tv_sec: Int(timeout / 1_000_000_000), tv_usec: Int(timeout % 1_000_000_000 / 1000))
      var ts = timespec(tv_sec: Int(timeout / 1_000_000_000), tv_nsec: Int(timeout % 1_000_000_000))
      var mask = sigset(request.sigmask ?? [])
      let returned = withOptionalBuffer(&read) { r in
        withOptionalBuffer(&write) { w in
          withOptionalBuffer(&except) { e in
            switch request.variant {
            case .select:
              return withUnsafeMutablePointer(to: &tv) { time in
                selectCall(request.nfds, r, w, e, request.timeout == nil ? nil : UnsafeMutableRawPointer(time))
              }
            case .pselect6:
              return withUnsafePointer(to: &ts) { time in
                withUnsafePointer(to: &mask) { signals in
                  pselectCall(
                    request.nfds, r, w, e, request.timeout == nil ? nil : UnsafeRawPointer(time),
                    request.sigmask == nil ? nil : UnsafeRawPointer(signals))
                }
              }
            }
          }
        }
      }
      var result = RealResult.returning(Int64(returned))
      if returned >= 0 {
        result.selected = SelectResult(
          read: ready(read, request.read), write: ready(write, request.write), except: ready(except, request.except))
      }
      return result
    }

    /// `body` with a pointer to the set's longs, or NULL for none.
    private static func withOptionalBuffer<R>(
      _ set: inout [UInt64]?, _ body: (UnsafeMutableRawPointer?) -> R
    ) -> R {
      guard set != nil else { return body(nil) }
      return set!.withUnsafeMutableBytes { body($0.baseAddress) }
    }
  }
#endif
