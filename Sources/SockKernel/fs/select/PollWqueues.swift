import SyscallVocabulary

/// `NSEC_PER_MSEC`.
public let NSEC_PER_MSEC: Int64 = 1_000_000
/// `NSEC_PER_SEC`.
public let NSEC_PER_SEC: Int64 = 1_000_000_000
/// `MAX_SLACK` of fs/select.c: the most timer slack a `poll` gets (100 ms).
public let MAX_SLACK: Nanoseconds = 100 * NSEC_PER_MSEC
/// `current->timer_slack_ns` of an ordinary task (`INIT_TIMER_SLACK_NS`, inherited; 50 µs,
/// as `/proc/self/timerslack_ns` reads on the reference machine).
public let TIMER_SLACK_NS: Nanoseconds = 50_000

/// `poll_table`: what a file's poll function is given: the events asked of it (`_key`),
/// and through the subclass, `_qproc`, which hooks the caller onto the file's wait queues.
/// A bare table (`init_poll_funcptr(&pt, NULL)`) polls without waiting.
class PollTable {
  /// `pt->_key`: the events asked for (all, when the caller does not say).
  var key: PollMask

  init(key: PollMask = PollMask(rawValue: ~0)) { self.key = key }
}

/// `struct poll_wqueues`: what one `poll` call registered (`poll_initwait`), kept across its
/// sleeps until `poll_freewait`.
final class PollWqueues: PollTable {
  /// `struct poll_table_entry`: one wait queue the poll sleeps on, and the file it holds.
  struct Entry {
    let file: OpenFile
    let wait: WaitQueueEntry
  }

  /// `polling_task`.
  let task: TaskID
  /// The timeout `poll` was given, in nanoseconds; nil for none.
  let timeout: Nanoseconds?
  /// `end_time`: when the timeout ends; nil for none.
  let endTime: Nanoseconds?
  /// `pt->_qproc` is `__pollwait`: the files' poll functions register on their wait queues.
  /// Cleared after the first pass, and within it as soon as one descriptor has events.
  var registering = true
  var entries: [Entry] = []
  /// `do_poll`'s `slack`: `select_estimate_accuracy` of the timeout.
  var slack: Nanoseconds = 0
  /// `do_poll`'s `timed_out`.
  var timedOut = false

  init(task: TaskID, timeout: Nanoseconds?, endTime: Nanoseconds?) {
    self.task = task
    self.timeout = timeout
    self.endTime = endTime
    super.init()
  }
}

extension Kernel {
  /// `poll_wait`: the table's queue procedure, if it has one: `__pollwait` for `poll`,
  /// `ep_ptable_queue_proc` for an epoll item.
  func pollWait(_ file: OpenFile, _ queue: WaitQueue, _ table: PollTable?) {
    switch table {
    case let p as PollWqueues: pollwait(file, queue, p)
    case let epq as EpollQueue: epPtableQueueProc(queue, epq)
    default: break
    }
  }

  /// `__pollwait`: while the table registers, hooks a `pollwake` entry that wakes the poller
  /// for the events it asked for onto `queue` (at the head, non-exclusive: `add_wait_queue`),
  /// holding a reference to the file until `poll_freewait`.
  private func pollwait(_ file: OpenFile, _ queue: WaitQueue, _ p: PollWqueues) {
    guard p.registering else { return }
    let wait = WaitQueueEntry(task: p.task, exclusive: false, keyFilter: p.key, function: .pollwake)
    getFile(file)
    queue.add(wait)
    p.entries.append(PollWqueues.Entry(file: file, wait: wait))
  }

  /// `poll_freewait`: takes every entry off its queue and drops its file, which releases a
  /// socket whose descriptor was closed meanwhile (`fput` of the last reference).
  func pollFreewait(_ p: PollWqueues) {
    let entries = p.entries
    p.entries.removeAll()
    for entry in entries {
      entry.wait.queue?.remove(entry.wait)
      fput(entry.file)
    }
  }

  /// `select_estimate_accuracy` → `__estimate_accuracy` for an ordinary task (nice 0, not
  /// real-time): 0.1 % of the time left, at least `timer_slack_ns`, at most `MAX_SLACK`.
  func selectEstimateAccuracy(_ left: Nanoseconds) -> Nanoseconds {
    let seconds = left / NSEC_PER_SEC
    let nanoseconds = left % NSEC_PER_SEC
    var slack: Nanoseconds
    if left < 0 {
      slack = 0
    } else if seconds > MAX_SLACK / (NSEC_PER_SEC / 1000) {
      slack = MAX_SLACK
    } else {
      slack = min(nanoseconds / 1000 + seconds * (NSEC_PER_SEC / 1000), MAX_SLACK)
    }
    return max(slack, TIMER_SLACK_NS)
  }

  /// The sleep of `poll_schedule_timeout` as the scheduler takes it: on every queue the
  /// table registered on, until the table's deadline plus its slack.
  func pollScheduleStep(_ table: PollWqueues, _ reason: Reason) -> SyscallStep {
    let queues = table.entries.map(\.wait).compactMap(\.queue).map(\.name)
    var timer: HrtimerTimeout?
    if let timeout = table.timeout, let endTime = table.endTime {
      timer = HrtimerTimeout(timeout: timeout, slack: table.slack, expiresAt: endTime + table.slack)
    }
    return .pollSleep(queues: queues, timer: timer, reason: reason)
  }

  /// `poll_schedule_timeout` → `schedule_hrtimeout_range`: puts `task` to sleep with no entry
  /// of its own (the poll's entries are already queued, and stay), arming its timer at the
  /// end of the slack range.
  func pollScheduleTimeout(
    _ task: KernelTask, queues: [WaitQueueName], timer: HrtimerTimeout?, entries: [WaitQueueEntry] = []
  ) {
    if let timer { timers.modTimer(task.timer, expires: timer.expiresAt) }
    task.sleeping = SleepState(entries: entries, queues: queues, expire: nil, expiresAt: timer?.expiresAt)
  }
}
