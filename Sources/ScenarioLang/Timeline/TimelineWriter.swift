import SyscallVocabulary

/// One timeline file being written: handed each item as the run makes it, then the run's
/// lanes and end to finish with. Each format is a writer of its own, so that a run can
/// write several files at once from one pass over its events.
protocol TimelineWriter: AnyObject {
  var path: String { get }
  func write(_ item: TimelineItem)
  /// Writes the rest of the file and closes it.
  func finish(lanes: [TimelineLane], end: Nanoseconds) throws(TimelineError)
}
