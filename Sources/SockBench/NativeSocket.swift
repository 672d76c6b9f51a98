import Foundation

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// The kernel side's system calls, made directly as a C program makes them: no backend,
/// no threads per socket, no translation. Each call is checked, and a failure throws, so
/// that a scenario that goes wrong on this machine reports why instead of a bogus figure.
enum NativeSocket {
  /// A failed call: which, and its errno.
  static func failure(_ call: String) -> Unmeasured {
    .failure("\(call) failed: \(String(cString: strerror(errno)))")
  }

  static func stream() throws(Unmeasured) -> Int32 {
    let fd = socket(AF_UNIX, Int32(SOCK_STREAM.rawValue), 0)
    guard fd >= 0 else { throw failure("socket") }
    return fd
  }

  static func pair() throws(Unmeasured) -> (Int32, Int32) {
    var fds: [Int32] = [-1, -1]
    guard socketpair(AF_UNIX, Int32(SOCK_STREAM.rawValue), 0, &fds) == 0 else { throw failure("socketpair") }
    return (fds[0], fds[1])
  }

  /// A bound, listening stream socket.
  static func listener(at address: UnixAddress, backlog: Int32) throws(Unmeasured) -> Int32 {
    let fd = try stream()
    guard address.withSockaddr({ bind(fd, $0, $1) }) == 0 else { throw failure("bind") }
    guard listen(fd, backlog) == 0 else { throw failure("listen") }
    return fd
  }

  static func connect(_ fd: Int32, to address: UnixAddress) throws(Unmeasured) {
    guard address.withSockaddr({ Glibc.connect(fd, $0, $1) }) == 0 else { throw failure("connect") }
  }

  static func accept(_ listener: Int32) throws(Unmeasured) -> Int32 {
    let fd = Glibc.accept(listener, nil, nil)
    guard fd >= 0 else { throw failure("accept") }
    return fd
  }

  static func setNonBlocking(_ fd: Int32) throws(Unmeasured) {
    guard fcntl(fd, F_SETFL, O_RDWR | O_NONBLOCK) == 0 else { throw failure("fcntl") }
  }

  /// SO_SNDTIMEO in whole seconds.
  static func setSendTimeout(_ fd: Int32, seconds: Int) throws(Unmeasured) {
    var value = timeval(tv_sec: seconds, tv_usec: 0)
    guard setsockopt(fd, SOL_SOCKET, SO_SNDTIMEO, &value, socklen_t(MemoryLayout<timeval>.size)) == 0 else {
      throw failure("setsockopt")
    }
  }

  static func closeAll(_ fds: [Int32]) { for fd in fds { close(fd) } }
}

/// A `struct sockaddr_un` built once, so that a timed loop makes only system calls.
struct UnixAddress: Sendable {
  private var storage = sockaddr_un()
  private let length: socklen_t

  init(path: String) {
    storage.sun_family = sa_family_t(AF_UNIX)
    let bytes = Array(path.utf8.prefix(MemoryLayout.size(ofValue: storage.sun_path) - 1))
    withUnsafeMutableBytes(of: &storage.sun_path) { $0.copyBytes(from: bytes) }
    length = socklen_t(MemoryLayout<sa_family_t>.size + bytes.count + 1)
  }

  func withSockaddr<T>(_ body: (UnsafePointer<sockaddr>, socklen_t) -> T) -> T {
    withUnsafeBytes(of: storage) { body($0.baseAddress!.assumingMemoryBound(to: sockaddr.self), length) }
  }
}

/// A private temporary directory for the kernel side's socket files, removed afterwards.
final class ScratchDirectory {
  let path: String

  init() throws(Unmeasured) {
    var template = Array((NSTemporaryDirectory() + "sockscript-bench-XXXXXX").utf8CString)
    guard let made = mkdtemp(&template) else { throw NativeSocket.failure("mkdtemp") }
    path = String(cString: made)
  }

  /// A fresh socket path in the directory.
  func address(_ name: String) -> UnixAddress { UnixAddress(path: path + "/" + name) }

  deinit { try? FileManager.default.removeItem(atPath: path) }
}
