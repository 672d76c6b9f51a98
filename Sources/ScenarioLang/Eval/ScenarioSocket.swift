import SockKernel
import SyscallVocabulary

/// A socket the script names (`server`, `c1`, `accept as s`).
///
/// The default mapping, which today's syntax always uses: declaring a socket declares a
/// thread of the same name in process 1, which makes every call a statement on the socket
/// makes, on the socket's descriptor in that process.
final class ScenarioSocket {
  let name: String
  /// The thread a statement on this socket runs on, unless the statement names another.
  let thread: ScenarioThread
  /// Its descriptor number, once `socket`/`accept`/`socketpair` returned it: the same in
  /// every process that inherited it; whether a process still has it open is that
  /// process's table's business (``fd(in:)``).
  var fd: Int32?
  /// The address `connect NAME` goes to: the last one this socket was asked to bind.
  var address: SockAddrUn?
  /// `SOCK_DGRAM`: a `recv` shows whom the datagram came from.
  var type: SocketType = .stream
  /// Where the name was declared: only that declaration (in a later iteration of its
  /// `repeat`) may declare it again.
  let site: DeclarationSite?

  init(name: String, thread: ScenarioThread, site: DeclarationSite? = nil) {
    self.name = name
    self.thread = thread
    self.site = site
  }

  var process: ScenarioProcess { thread.process }

  /// The descriptor this name stands for in `process`: its number while that process's
  /// table still has the socket there, else -1 (which the kernel answers with EBADF).
  func fd(in process: ScenarioProcess) -> Int32 {
    guard let fd, process.descriptors[fd]?.socket === self else { return -1 }
    return fd
  }
}
