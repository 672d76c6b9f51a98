/// A system call in flight.
public struct CallRecord: Sendable {
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
