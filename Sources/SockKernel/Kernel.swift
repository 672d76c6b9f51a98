import Collections
import SyscallVocabulary

/// A deterministic model of the Linux AF_UNIX socket layer, with virtual time.
///
/// Tasks (threads of one process) issue system calls with ``submit(_:tag:_:)``; ``run(until:)``
/// runs whatever can run and advances the clock from timer to timer. Everything observable is
/// reported, in order, to ``onEvent``.
public final class Kernel {
  public internal(set) var config: KernelConfig
  public internal(set) var clock: VirtualClock
  /// Receives every event as it happens.
  public var onEvent: ((KernelEvent) -> Void)?

  var tasks: [KernelTask] = []
  var runQueue = Deque<TaskID>()
  /// The storage of the last task queue of calls that emptied, kept for the next task to
  /// queue one: a task gives its storage back when its last queued call starts (or each of
  /// a million kept some 130 bytes), and the next task to queue calls takes it rather than
  /// allocating (a backlog connection queues two, then its accept's close one). One is
  /// kept, whatever the number of tasks.
  var spareCallQueue: Deque<PendingCall>?
  var timers = TimerQueue()
  /// The processes by pid - 1: process 1, the script's, and those `fork` made, reaped or not.
  var processes: [TaskGroup]
  /// The last place handed out in a `children` list (``TaskGroup/sibling``).
  var nextSibling = 0
  /// The descriptor table of the running task's process (`current->files`); process 1's
  /// outside a call. Set with ``currentTask`` by ``enter(_:)`` and ``leave()``: computed,
  /// every use of it (some 18 a connect/accept cycle) went through the task and its process
  /// with a retain and a release each (callgrind).
  private(set) var fileTable: FilesStruct

  /// `task`'s kernel code runs: it is `current`.
  func enter(_ task: KernelTask) {
    currentTask = task.id
    fileTable = task.group.files
  }

  /// No task's kernel code runs: process 1's table is the one the session's look-ups see.
  func leave() {
    currentTask = nil
    fileTable = processes[0].files
  }
  /// `fileTable`'s descriptors, indexed by descriptor.
  var files: [OpenFile?] {
    _read { yield fileTable.fdt }
    _modify { yield &fileTable.fdt }
  }
  /// `fileTable`'s closed descriptors below `files.count`, lowest first (`get_unused_fd_flags`).
  var freeDescriptors: Heap<Int32> {
    _read { yield fileTable.freeDescriptors }
    _modify { yield &fileTable.freeDescriptors }
  }
  /// `fileTable`'s descriptors reserved for a file not installed yet (an `accept` asleep).
  var reservedDescriptors: DescriptorBitmap {
    _read { yield fileTable.reservedDescriptors }
    _modify { yield &fileTable.reservedDescriptors }
  }
  /// `fileTable`'s `close_on_exec`.
  var closeOnExec: DescriptorBitmap {
    _read { yield fileTable.closeOnExec }
    _modify { yield &fileTable.closeOnExec }
  }
  /// `user->unix_inflight` by uid: the files each user has in flight in SCM_RIGHTS messages
  /// (a `user_struct` is per user, shared by all of the user's processes).
  var unixInflight: [UInt32: Int] = [:]
  /// `unix_tot_inflight`: the sockets in flight.
  var unixTotInflight = 0
  /// The sockets whose edges or references changed since the collector's last walk, where
  /// the next one starts.
  var gcTouched: [Sock] = []
  /// `gc_in_progress`, and a collection asked for meanwhile (`queue_work` of the running work).
  var gcInProgress = false
  var gcRequested = false

  var vfs = VFS()
  var abstractNames = AbstractNamespace()
  var nextInode = 1000
  var nextCallID = 0
  var nextAlarm = 0
  var firedAlarms = Set<Int>()
  /// The task whose kernel code is running: the waker of any wake-up.
  /// Set, with ``fileTable``, by ``enter(_:)`` and ``leave()``.
  private(set) var currentTask: TaskID?
  /// Wake-ups made by the running call, reported after the call's own event.
  var deferredEvents: [KernelEvent] = []
  /// `warned` in `sock_set_timeout`: the negative-timeout message is printed at most 10 times.
  var negativeTimeoutWarnings = 0
  /// How far ``run(until:)`` may move the clock: a timer due later stops it with
  /// ``RunStop/timeLimit(_:)``, so that a run's virtual time is bounded.
  public var timeLimit: Nanoseconds = .max
  /// Set by ``halt()``: the run in progress returns ``RunStop/halted`` once the task running
  /// now sleeps or returns, whatever else is runnable.
  var haltRequested = false
  /// The signals whose handler was installed with `SA_RESTART` (``sigaction(_:saRestart:)``):
  /// which ones is the language's choice, not the kernel's.
  var saRestartHandlers: Set<Signal> = []
  /// Some process has kept a signal no thread could take (`shared_pending`): until then the
  /// way out of a call need not look at its process's set.
  var sharedSignalsKept = false
  /// Where `unix_autobind` starts probing (the kernel draws it at random).
  public var autobindStart: UInt32 = 0

  public init(config: KernelConfig = KernelConfig()) {
    self.config = config
    self.clock = VirtualClock(hz: config.hz)
    let nofile = RLimit(cur: UInt64(config.nofile), max: config.nofileMax)
    let files = FilesStruct()
    fileTable = files
    processes = [TaskGroup(pid: 1, files: files, uid: 0, gid: 0, parent: nil, nofile: nofile)]
  }

  /// Connected sockets point at each other (`unix_peer`), and a listener's queue holds
  /// embryos that point back at their clients, as in the kernel; here those links are
  /// strong references, so they are cut when the kernel goes, or its sockets would leak.
  deinit {
    // A socket whose descriptor was closed while a poll held its file is in no descriptor.
    // So is one closed while a call that took it with fdget still sleeps.
    let held = tasks.flatMap {
      ($0.current?.frame.poll?.entries.compactMap { $0.file as? SocketFile } ?? [])
        + [$0.current?.file as? SocketFile].compactMap { $0 }
    }
    // Epoll items and the files they watch point at each other.
    for file in processes.flatMap(\.files.openFiles) {
      file.detachAllEpitems()
      if let epoll = file as? EpollFile {
        _ = epoll.ep.ready.takeAll()
        epoll.ep.items.removeAll()
      }
    }
    for file in processes.flatMap(\.files.openFiles).compactMap({ $0 as? SocketFile }) + held {
      let sock = file.sock
      for skb in sock.receiveQueue {
        if let embryo = skb.embryo { Self.cutLinks(embryo) }
        skb.embryo = nil
        skb.owner = nil
      }
      Self.cutLinks(sock)
    }
  }

  private static func cutLinks(_ sock: Sock) {
    for skb in sock.receiveQueue { skb.owner = nil }
    sock.receiveQueue.removeAll()
    sock.peer = nil
  }

  /// Now, in virtual nanoseconds.
  public var now: Nanoseconds { clock.now }

  // MARK: Tasks

  /// Creates a thread named `name` (its `comm`) in process 1.
  public func spawn(name: String) -> TaskID { spawn(name: name, in: processes[0]) }

  /// Creates a thread named `name` in the process `task` belongs to.
  public func spawn(name: String, alongside task: TaskID) -> TaskID {
    spawn(name: name, in: tasks[task.rawValue].group)
  }

  func spawn(name: String, in group: TaskGroup) -> TaskID {
    let id = TaskID(rawValue: tasks.count)
    let task = KernelTask(id: id, comm: name, group: group)
    // The session spawns a thread's task when a statement first needs it, which may be
    // after its process ended: then it is as ended as the threads the exit killed.
    if group.exitState != nil { task.isDead = true }
    tasks.append(task)
    group.threads.append(id)
    return id
  }

  /// The name a task was spawned with.
  public func name(of task: TaskID) -> String { tasks[task.rawValue].comm }

  /// Queues a call for `task`; it starts once the task's earlier calls have returned.
  /// `make` builds the arguments at that moment.
  public func submit(_ task: TaskID, tag: Int, _ make: @escaping () -> Syscall) {
    submit(task, PendingCall(tag: tag, arguments: .late(make)))
  }

  /// Queues a call whose arguments are known now: a call that names no descriptor, or one
  /// for a task of which ``startsAtOnce(_:)`` holds (the arguments `make` would build when
  /// the call starts), without the closure.
  public func submit(_ task: TaskID, tag: Int, syscall: consuming Syscall) {
    let t = tasks[task.rawValue]
    guard startsAtOnce(t) else { return submit(task, PendingCall(tag: tag, arguments: .ready(syscall))) }
    // The call is the next thing to run, at this instant: it is entered now, as the run
    // queue would enter it, without a stay in the task's queue.
    _ = begin(t, tag: tag, syscall)
    makeRunnable(t)
  }

  private func submit(_ task: TaskID, _ call: PendingCall) {
    let t = tasks[task.rawValue]
    if t.pending.isEmpty, let spare = spareCallQueue.take() { t.pending = spare }
    t.pending.append(call)
    if t.current == nil { makeRunnable(t) }
  }

  /// A call submitted for `task` now is the first thing the next ``run(until:)`` runs: the
  /// task is idle and no other is runnable, so no call returns before it starts.
  public func startsAtOnce(_ task: TaskID) -> Bool { startsAtOnce(tasks[task.rawValue]) }

  private func startsAtOnce(_ task: KernelTask) -> Bool { runQueue.isEmpty && task.isIdle && !task.isDead }

  /// Calls queued behind `task`'s current one.
  public func queuedCalls(_ task: TaskID) -> Int { tasks[task.rawValue].pending.count }

  /// True when `task` has no call in progress or queued.
  public func isIdle(_ task: TaskID) -> Bool { tasks[task.rawValue].isIdle }

  /// Every task that is asleep in a call, in task order, with where it sleeps (a `poll`
  /// sleeps on several queues, or none).
  public func sleepingTasks() -> [(task: TaskID, call: CallRecord, queues: [WaitQueueName], expiresAt: Nanoseconds?)] {
    tasks.compactMap { t in
      guard let sleep = t.sleeping, let call = t.current else { return nil }
      return (t.id, call, sleep.queues, sleep.expiresAt)
    }
  }

  // MARK: Alarms (time as seen from outside the kernel)

  /// An alarm that goes off at `instant`, ordered with kernel timers due at the same instant
  /// by the order they were set.
  public func setAlarm(at instant: Nanoseconds) -> AlarmID {
    nextAlarm += 1
    let id = AlarmID(rawValue: nextAlarm)
    timers.modTimer(KernelTimer(.alarm(id)), expires: max(instant, clock.now))
    return id
  }

  /// True once the alarm has gone off.
  public func hasFired(_ alarm: AlarmID) -> Bool { firedAlarms.contains(alarm.rawValue) }

  // MARK: Inspection

  /// The socket an open descriptor refers to.
  public func sock(fd: Int32) -> Sock? {
    let table = processes[0].files.fdt
    guard fd >= 0, Int(fd) < table.count else { return nil }
    return (table[Int(fd)] as? SocketFile)?.sock
  }

  func emit(_ event: KernelEvent) { onEvent?(event) }
}
