/// A call the session submitted, remembered until it returns.
///
/// A class: every call makes one, and it goes into the table of calls in flight, out again
/// and through the checks and the trace. As a value of some 130 bytes it was copied in and
/// destroyed twice on the way, about 480 instructions a call (callgrind, a pingpong), where
/// an object is one allocation and a few retains.
final class SubmittedCall {
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
  var socket: ScenarioSocket?
  /// The system call's name once it has gone to sleep: a call that ends unreturned (its
  /// thread killed by an `execve`) shows as `<... NAME resumed> = ?`.
  var blockedIn: String?
  /// The rarer fields, in a box only the calls that set one make: each field of the call
  /// is a release when it is freed, and these five cost some 200 instructions a call
  /// (callgrind, a pingpong) as fields of their own.
  private var extras: Extras?

  /// `accept as NAME`, `dup as NAME`, `dup2 N as NAME`, `fork NAME`: the name (loop variables resolved
  /// when the call was made) and where it is written.
  var acceptName: Name? {
    get { extras?.acceptName }
    set { madeExtras.acceptName = newValue }
  }
  /// That name as resolved.
  var acceptAs: String? {
    get { extras?.acceptAs }
    set { madeExtras.acceptAs = newValue }
  }
  /// `recvmsg … rights as NAME, …`: the names as written and as resolved, for the
  /// descriptors an SCM_RIGHTS message delivers, in order.
  var rightsAs: [(written: Name, resolved: String)] {
    get { extras?.rightsAs ?? [] }
    set { madeExtras.rightsAs = newValue }
  }
  /// `socketpair`'s second socket.
  var pair: ScenarioSocket? {
    get { extras?.pair }
    set { madeExtras.pair = newValue }
  }
  /// `dup2 NAME`: the socket name whose descriptor now refers to this call's socket.
  var dupTarget: ScenarioSocket? {
    get { extras?.dupTarget }
    set { madeExtras.dupTarget = newValue }
  }

  private var madeExtras: Extras {
    if let extras { return extras }
    let made = Extras()
    extras = made
    return made
  }

  private final class Extras {
    var acceptName: Name?
    var acceptAs: String?
    var rightsAs: [(written: Name, resolved: String)] = []
    var pair: ScenarioSocket?
    var dupTarget: ScenarioSocket?
  }

  init(
    thread: ScenarioThread, location: SourceLocation, word: String, expectation: Expectation?,
    acceptName: Name? = nil, socket: ScenarioSocket? = nil
  ) {
    self.thread = thread
    self.location = location
    self.word = word
    self.expectation = expectation
    self.socket = socket
    if let acceptName { self.acceptName = acceptName }
  }

  var pairName: String? { pair?.name }
}
