/// A call the session submitted, remembered until it returns.
struct SubmittedCall {
  /// The name of the thread that makes the call: the trace's second column (and, under the
  /// default mapping, the name of the socket it acts on, which is how the trace shows the
  /// socket argument).
  let actor: String
  /// Where to point diagnostics: the operation's word, or the declaration.
  let location: SourceLocation
  let word: String
  let expectation: Expectation?
  /// `accept as NAME`, `dup as NAME`, `dup2 N as NAME`, `fork NAME`: the name (loop variables resolved
  /// when the call was made) and where it is written.
  var acceptName: Name?
  /// That name as resolved.
  var acceptAs: String? = nil
  /// `recvmsg … rights as NAME, …`: the names as written and as resolved, for the
  /// descriptors an SCM_RIGHTS message delivers, in order.
  var rightsAs: [(written: Name, resolved: String)] = []
  /// `socketpair`'s second socket.
  var pair: ScenarioSocket? = nil
  /// The socket the call acts on (nil for `main`'s calls), so that a returning call needs
  /// no lookup by name.
  var socket: ScenarioSocket? = nil
  /// `dup2 NAME`: the socket name whose descriptor now refers to this call's socket.
  var dupTarget: ScenarioSocket? = nil
  /// The system call's name once it has gone to sleep: a call that ends unreturned (its
  /// thread killed by an `execve`) shows as `<... NAME resumed> = ?`.
  var blockedIn: String? = nil

  var pairName: String? { pair?.name }
}
