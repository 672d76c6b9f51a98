/// A system call in flight.
///
/// A class, and one the model's call in progress extends: every event of a call carries its
/// record, and as a value of some 60 bytes with the call's arguments (an enum with
/// references) it was copied into each event and destroyed after it, some 250 instructions
/// a call (callgrind, a connect/accept cycle); a reference is a retain. Every field is a
/// `let`, so records can be shared freely, across threads too.
open class CallRecord: @unchecked Sendable {
  /// Unique per kernel.
  public let id: Int
  /// The submitter's own label for the call.
  public let tag: Int
  public let task: TaskID
  public let syscall: Syscall
  /// When the call was entered.
  public let startedAt: Nanoseconds

  public init(id: Int, tag: Int, task: TaskID, syscall: Syscall, startedAt: Nanoseconds) {
    self.id = id
    self.tag = tag
    self.task = task
    self.syscall = syscall
    self.startedAt = startedAt
  }
}
