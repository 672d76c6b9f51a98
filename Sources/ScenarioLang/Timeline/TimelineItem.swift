import SyscallVocabulary

/// A thread's row in a timeline: the threads in the order they first appear, each of its
/// process (a forked process's threads are labelled with their pid).
struct TimelineLane: Equatable {
  /// Its place, from 0, in the order of first appearance.
  var index: Int
  var thread: String
  var pid: Int32

  /// `c1`, or `worker [pid 2]` for a thread of a forked process.
  var label: String { pid == 1 ? thread : "\(thread) [pid \(pid)]" }
}

/// One finished call: from when it was made to its return (or to where the run cut it off).
struct TimelineCall: Equatable {
  enum Ending: Equatable {
    /// It returned.
    case returned
    /// Its thread ended under it: strace's `= ?`, or a process's end, or the run's.
    case cutOff
  }

  /// The call's number in the run (``TraceEvent/callID``), or a key of the recorder's own
  /// for the rare call without one: what its sleeps carry too.
  var key: Int
  var lane: Int
  /// `connect`.
  var name: String
  var start: Nanoseconds
  var end: Nanoseconds
  /// The line that began it, when it slept (`connect(c1, …) <blocked on …>`).
  var firstLine: TimedLine?
  /// The line that ended it: its return, or what cut it off.
  var lastLine: TimedLine
  var result: Int64?
  var errno: String?
  /// Why it failed.
  var reason: String?
  var ending: Ending
}

/// A trace line's text and time.
struct TimedLine: Equatable {
  var time: Nanoseconds
  var text: String
}

/// A call's sleep beginning: drawn only by the pictures that follow the run as it goes.
struct TimelineSleepStart: Equatable {
  var key: Int
  var lane: Int
  var line: TimedLine
}

/// One sleep of a call, from its `blocked` line to what ended it.
struct TimelineSleep: Equatable {
  var key: Int
  var lane: Int
  /// When the call it is part of began: a sleep that begins with it is drawn inside it.
  var callStart: Nanoseconds
  var start: Nanoseconds
  var end: Nanoseconds
  /// `connect blocked on server.peer_wait: unix_stream_connect: unix_recvq_full: …`.
  var why: String
  /// The `blocked` line.
  var line: TimedLine
  /// What ended it: the `woken`, `timed out` or `interrupted` line; nil when the call
  /// returned, or was cut off, still asleep.
  var endLine: TimedLine?
  var deadline: Nanoseconds?
}

/// A wake-up: thread `from` woke the call asleep on `to`.
struct TimelineWake: Equatable {
  /// Numbered from 1 in the order of the run: the arrow's id.
  var number: Int
  var time: Nanoseconds
  var from: Int
  var to: Int
  /// The queue it came through.
  var queue: String?
  var text: String
}

/// What happened at an instant on a lane: a timeout, a signal, a process's end, a call
/// that will never return, a line of the kernel's, a state table.
struct TimelineInstant: Equatable {
  var lane: Int
  var time: Nanoseconds
  var kind: TraceEvent.Kind
  /// A short name: `timed out`, `interrupted by SIGUSR2`, `+++ exited with 0 +++`.
  var name: String
  var text: String
}

/// What ``TimelineAssembler`` makes of the events, in the run's order, for the writers.
enum TimelineItem: Equatable {
  /// A thread's first appearance, before anything on its lane.
  case lane(TimelineLane)
  case sleepStart(TimelineSleepStart)
  /// A sleep ended; it comes before the call it is part of.
  case sleep(TimelineSleep)
  case call(TimelineCall)
  case wake(TimelineWake)
  case instant(TimelineInstant)
}
