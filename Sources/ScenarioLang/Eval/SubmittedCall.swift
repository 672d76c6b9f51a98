import SockKernel
import SyscallVocabulary

/// A named socket and the thread that uses it: every socket name is also a task.
final class Actor {
  let name: String
  let task: TaskID
  /// The descriptor, once `socket`/`accept` returned it.
  var fd: Int32?
  /// The address `connect NAME` goes to: the last one this socket was asked to bind.
  var address: SockAddrUn?
  /// `SOCK_DGRAM`: a `recv` shows whom the datagram came from.
  var type: SocketType = .stream
  /// Where the name was declared: only that declaration (in a later iteration of its
  /// `repeat`) may declare it again.
  let site: DeclarationSite?

  init(name: String, task: TaskID, site: DeclarationSite? = nil) {
    self.name = name
    self.task = task
    self.site = site
  }
}

/// A call the session submitted, remembered until it returns.
struct SubmittedCall {
  let actor: String
  /// Where to point diagnostics: the operation's word, or the declaration.
  let location: SourceLocation
  let word: String
  let expectation: Expectation?
  /// `accept as NAME`: the name (loop variables resolved when the call was made) and where
  /// it is written.
  var acceptName: Name?
  var acceptAs: String? = nil
  /// `socketpair`'s second socket.
  var pairName: String? = nil
  /// The actor that made the call (nil for `main`), so that a returning call needs no
  /// lookup by name.
  var owner: Actor? = nil
}
