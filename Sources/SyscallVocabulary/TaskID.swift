/// A task of the model: one thread of the scenario.
public struct TaskID: Hashable, Comparable, Sendable {
  public let rawValue: Int
  public init(rawValue: Int) { self.rawValue = rawValue }
  public static func < (a: TaskID, b: TaskID) -> Bool { a.rawValue < b.rawValue }
}

/// An alarm set with ``Kernel/setAlarm(at:)``.
public struct AlarmID: Hashable, Sendable {
  public let rawValue: Int
  public init(rawValue: Int) { self.rawValue = rawValue }
}

/// Sent to and from the kernel backend's process hosts (a forked child's calls).
extension TaskID: Codable {}
