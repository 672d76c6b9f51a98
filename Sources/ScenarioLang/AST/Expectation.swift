import SockKernel
import SyscallVocabulary

/// `= RESULT [or RESULT …] [at TIME]`, or a relation in place of `= RESULT`: what a call
/// must return, and optionally when.
///
/// A class (of `let`s): a statement, an operation and every call the session submits
/// hold one, and a reference is 8 bytes of each where the value was 32.
public final class Expectation: Sendable {
  public enum Result: Sendable, Equatable {
    /// `= N`.
    case value(Int64)
    /// `= -1 ERRNO` or `= ERRNO`.
    case error(Errno)
    /// `= {SEC, USEC}` for getsockopt.
    case timeval(Timeval)
    /// `= "bytes"`: a `recv` returned exactly these bytes; or the path `getsockname` or
    /// `getpeername` returned (`""`: an unbound socket's name, the family alone).
    case data([UInt8])
    /// `= {PID, UID, GID}`: the `struct ucred` SO_PEERCRED read (-1: an id not set), or the
    /// credentials an SCM_CREDENTIALS message delivered to a `recvmsg`.
    case ucred(PeerCred)
    /// `= @name`: the abstract name `getsockname` or `getpeername` returned.
    case abstractName([UInt8])
    /// `= [N]` / `= [ERRNO]`: the `int` a `getsockopt` read back.
    case option(Int32)
    /// `= [EVENTS, …]`: the `revents` a `poll` returned, socket by socket.
    case revents([PollMask])
    /// `= ok`: any success, whatever it returned.
    case success
    /// `>= N`, `> N`, `<= N`, `< N`: a success whose return value stands in the relation
    /// to N (a failed call's -1 never does).
    case relation(RelationWord, Int64)

    /// Whether a call that returned `outcome` satisfies this result.
    public func holds(for outcome: SyscallOutcome) -> Bool {
      if case .error(let e) = self { return outcome.errno == e }
      guard outcome.errno == nil else { return false }
      return switch self {
      case .value(let v): outcome.value == v
      case .error: false
      case .timeval(let tv): outcome.timeval == tv
      case .data(let bytes):
        if let name = outcome.name {
          !name.isAbstract && name.path.prefix { $0 != 0 } == bytes[...]
        } else {
          outcome.data.map { $0.materialized == bytes } == true
        }
      case .abstractName(let bytes):
        outcome.name.map { $0.isAbstract && $0.path.dropFirst().prefix(max(0, Int($0.length) - 3)) == bytes[...] }
          == true
      case .option(let v): outcome.optionValue == v
      case .ucred(let cred): outcome.peerCred == cred || outcome.message?.credentials == cred
      case .revents(let r): outcome.revents == r
      case .success: true
      case .relation(let relation, let bound): relation.holds(outcome.value, bound)
      }
    }
  }

  /// The results the call may return, any one of them (`= 0 or EAGAIN`); one for the
  /// plain forms.
  public let results: [Result]
  /// `at TIME`: the virtual time at which the call must return, whichever result it is.
  public let time: Nanoseconds?
  /// Where the `=` (or the relation) is.
  public let location: SourceLocation

  init(results: [Result], time: Nanoseconds?, location: SourceLocation) {
    self.results = results
    self.time = time
    self.location = location
  }

  /// Whether a call that returned `outcome` satisfies one of the results (the time aside).
  public func holds(for outcome: SyscallOutcome) -> Bool { results.contains { $0.holds(for: outcome) } }

  /// Whether more than one outcome can satisfy the expectation, so that two runs may
  /// differ in the result and both still hold (`verify` then accepts either).
  public var acceptsSeveral: Bool {
    results.count > 1
      || results.contains {
        switch $0 {
        case .success, .relation: true
        default: false
        }
      }
  }
}
