/// A call the session submitted, remembered until it returns.
///
/// Every call makes one, and it is moved into the table of calls in flight and out again:
/// the fields few calls set (an accept's or a dup's new name, the names of received rights,
/// `socketpair`'s second socket, a `dup2`'s target) live in one box that only those calls
/// allocate, which keeps the value small to copy (callgrind: 224 bytes were a few percent of
/// a pingpong).
struct SubmittedCall {
  /// The thread that makes the call. Two live threads can have one name (`repeat 2 { fork w }`
  /// forks two processes named `w`), so the call keeps the thread, not its name.
  let thread: ScenarioThread
  /// The name of the thread that makes the call: the trace's second column (and, under the
  /// default mapping, the name of the socket it acts on, which is how the trace shows the
  /// socket argument).
  var actor: String { thread.name }
  /// Where to point diagnostics: the operation's word, or the declaration.
  let location: SourceLocation
  let word: String
  let expectation: Expectation?
  /// The socket the call acts on (nil for `main`'s calls), so that a returning call needs
  /// no lookup by name.
  var socket: ScenarioSocket? = nil
  /// The system call's name once it has gone to sleep: a call that ends unreturned (its
  /// thread killed by an `execve`) shows as `<... NAME resumed> = ?`.
  var blockedIn: String? = nil
  /// The rarer fields; nil until a call sets one.
  private var extras: Extras?

  init(
    thread: ScenarioThread, location: SourceLocation, word: String, expectation: Expectation?, acceptName: Name?
  ) {
    self.thread = thread
    self.location = location
    self.word = word
    self.expectation = expectation
    if let acceptName { self.acceptName = acceptName }
  }

  /// `accept as NAME`, `dup as NAME`, `dup2 N as NAME`, `fork NAME`: the name (loop variables resolved
  /// when the call was made) and where it is written.
  var acceptName: Name? {
    get { extras?.acceptName }
    set { uniqueExtras().acceptName = newValue }
  }
  /// That name as resolved.
  var acceptAs: String? {
    get { extras?.acceptAs }
    set { uniqueExtras().acceptAs = newValue }
  }
  /// `recvmsg … rights as NAME, …`: the names as written and as resolved, for the
  /// descriptors an SCM_RIGHTS message delivers, in order.
  var rightsAs: [(written: Name, resolved: String)] {
    get { extras?.rightsAs ?? [] }
    set { uniqueExtras().rightsAs = newValue }
  }
  /// `socketpair`'s second socket.
  var pair: ScenarioSocket? {
    get { extras?.pair }
    set { uniqueExtras().pair = newValue }
  }
  /// `dup2 NAME`: the socket name whose descriptor now refers to this call's socket.
  var dupTarget: ScenarioSocket? {
    get { extras?.dupTarget }
    set { uniqueExtras().dupTarget = newValue }
  }

  var pairName: String? { pair?.name }

  /// The box, made or copied so that this value alone holds it.
  private mutating func uniqueExtras() -> Extras {
    if extras == nil {
      extras = Extras()
    } else if !isKnownUniquelyReferenced(&extras!) {
      extras = extras!.copy()
    }
    return extras!
  }

  private final class Extras {
    var acceptName: Name?
    var acceptAs: String?
    var rightsAs: [(written: Name, resolved: String)] = []
    var pair: ScenarioSocket?
    var dupTarget: ScenarioSocket?

    func copy() -> Extras {
      let copy = Extras()
      copy.acceptName = acceptName
      copy.acceptAs = acceptAs
      copy.rightsAs = rightsAs
      copy.pair = pair
      copy.dupTarget = dupTarget
      return copy
    }
  }
}
