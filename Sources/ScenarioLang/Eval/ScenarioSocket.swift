import SockKernel
import SyscallVocabulary

/// A socket the script names (`server`, `c1`, `accept as s`).
///
/// The default mapping, which today's syntax always uses: declaring a socket declares a
/// thread of the same name in process 1, which makes every call a statement on the socket
/// makes, on the socket's descriptor in that process.
final class ScenarioSocket {
  let name: String
  /// Its own thread once something asked for it (``thread``).
  private var ownThread: ScenarioThread?
  /// The process of its own thread. Unowned, and unchecked, as a thread's is: the session
  /// keeps every process as long as itself.
  unowned(unsafe) let process: ScenarioProcess
  /// Where the name was declared: only that declaration (in a later iteration of its
  /// `repeat`) may declare it again.
  let site: DeclarationSite?
  private var bound: Bound?
  /// Its descriptor number, once `socket`/`accept`/`socketpair` returned it: the same in
  /// every process that inherited it; whether a process still has it open is that
  /// process's table's business (``fd(in:)``).
  var fd: Int32?
  /// `SOCK_DGRAM`: a `recv` shows whom the datagram came from.
  var type: SocketType = .stream

  /// An address, which most sockets (a pair's, a client's, an accepted one) never get: a
  /// reference where the 24-byte value made every socket 96 bytes of memory, not 80.
  private final class Bound {
    let address: SockAddrUn
    init(_ address: SockAddrUn) { self.address = address }
  }

  /// A socket whose own thread is `thread` (a declaration run again reuses the one it made).
  init(name: String, thread: ScenarioThread, site: DeclarationSite? = nil) {
    self.name = name
    self.ownThread = thread
    self.process = thread.process
    self.site = site
  }

  /// A socket whose own thread, in `process`, is made when first asked for.
  init(name: String, in process: ScenarioProcess, site: DeclarationSite? = nil) {
    self.name = name
    self.process = process
    self.site = site
  }

  /// The thread a statement on this socket runs on, unless the statement names another:
  /// made now in its process if nothing asked for it before. Most sockets' own threads are
  /// never asked for (the second of a `socketpair`, an accepted socket another thread
  /// closes), and each of a million cost a 64-byte thread and its place in the process's
  /// list.
  var thread: ScenarioThread {
    @inline(__always) get { ownThread ?? makeOwnThread() }
  }

  @inline(never)
  private func makeOwnThread() -> ScenarioThread {
    let made = process.addThread(named: name)
    ownThread = made
    return made
  }

  /// Its own thread if something asked for it.
  var threadIfMade: ScenarioThread? { ownThread }

  /// The address `connect NAME` goes to: the last one this socket was asked to bind.
  var address: SockAddrUn? {
    get { bound?.address }
    set { bound = newValue.map(Bound.init) }
  }

  /// The descriptor this name stands for in `process`: its number while that process's
  /// table still has the socket there, else -1 (which the kernel answers with EBADF).
  func fd(in process: ScenarioProcess) -> Int32 {
    guard let fd, process.descriptors[fd]?.socket === self else { return -1 }
    return fd
  }
}
