import ScenarioLang
import SockLinux

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// A network namespace of the calling thread's own, where `net.core.somaxconn` can be
/// raised without touching the host's (a listener's backlog is clamped to it). Needs root
/// or CAP_SYS_ADMIN; without, the host's value stands.
enum PrivateNetwork {
  /// Runs `body` in a fresh network namespace with `somaxconn` at least `backlog` and
  /// returns what it returned; with no namespace to be had, runs it as is. `body` is told
  /// the largest backlog `listen` will honour.
  static func withBacklog<T>(_ backlog: Int, _ body: (_ honoured: Int) throws(Unmeasured) -> T) throws(Unmeasured)
    -> T
  {
    let previous = open("/proc/thread-self/ns/net", O_RDONLY | O_CLOEXEC)
    guard previous >= 0, GNU.unshare(GNU.CLONE_NEWNET) == 0 else {
      if previous >= 0 { close(previous) }
      return try body(hostSomaxconn)
    }
    defer {
      _ = GNU.setns(previous, GNU.CLONE_NEWNET)
      close(previous)
    }
    let honoured = writeSomaxconn(backlog) ? backlog : hostSomaxconn
    return try body(honoured)
  }

  private static let path = "/proc/sys/net/core/somaxconn"

  /// The current namespace's `somaxconn` (4096 on a stock kernel).
  private static var hostSomaxconn: Int {
    guard let bytes = FileBytes.read(path), let value = Int(String(decoding: bytes, as: UTF8.self).filter(\.isNumber))
    else { return 4096 }
    return value
  }

  private static func writeSomaxconn(_ value: Int) -> Bool {
    let fd = open(path, O_WRONLY | O_CLOEXEC)
    guard fd >= 0 else { return false }
    defer { close(fd) }
    let text = Array("\(value)\n".utf8)
    return write(fd, text, text.count) == text.count
  }
}
