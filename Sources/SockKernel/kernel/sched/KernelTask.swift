import Collections
import SyscallVocabulary

/// A call waiting to be issued by its task.
struct PendingCall {
  let tag: Int
  let arguments: Arguments

  enum Arguments {
    /// Known when the call was submitted: it starts before anything else runs.
    case ready(Syscall)
    /// Built when the call starts, so that it can name a file descriptor an earlier call
    /// of the same task creates.
    case late(() -> Syscall)
  }

  /// The call's arguments, as it starts.
  func make() -> Syscall {
    switch arguments {
    case .ready(let syscall): syscall
    case .late(let make): make()
    }
  }
}

/// State a blocking system call keeps across its sleeps: the locals of the kernel function
/// that survive `schedule_timeout` (`timeo`, the embryo of a connect).
struct CallFrame {
  /// The function has run its prologue (computed `timeo`, allocated what it needs).
  var started = false
  /// `timeo`: what `schedule_timeout` returned, i.e. the time left.
  var timeo: Jiffies = 0
  /// `newsk` of `unix_stream_connect` (every connect has one: kept here, not in the box).
  var embryo: Sock?
  /// The descriptor `accept4` reserved before sleeping.
  var reservedDescriptor: Int32?
  /// Bytes a `send` has queued so far (`sent`).
  var sent = 0
  /// The size of the stream chunk a `send` is allocating (`size` of `unix_stream_sendmsg`):
  /// computed from `sk_sndbuf` once, before `sock_alloc_send_pskb` may sleep, and kept
  /// across the sleep, so an SO_SNDBUF changed meanwhile shapes only the next chunk.
  var chunkSize: Int?
  /// A `send` is inside `sock_alloc_send_pskb` for its next chunk, whose `timeo` is fresh
  /// for every chunk.
  var allocating = false
  /// What a `recv` has copied so far.
  var copied = PayloadPieces()
  /// `copied`'s total.
  var copiedCount = 0
  /// A stream `recv` sleeps in `unix_stream_data_wait`, which re-checks by itself.
  var waitingForData = false
  /// `last` / `last_len` of `unix_stream_data_wait`: the tail skb seen before sleeping.
  var lastSkb: SkBuff?
  var lastLength = 0
  /// A datagram send sleeps in `unix_wait_for_peer`.
  var waitingForPeer = false
  /// `scm` of a `sendmsg` (the files it still holds) or of a receive (the files it took).
  var scm = ScmCookie()
  /// `check_creds` of a stream read: it took the first skb's credentials and reads on only
  /// while the skbs have the same.
  var checkCreds = false
  /// The `msghdr` a receive fills in: `msg_flags`, the control buffer, the descriptors.
  var msg = RecvMsgHeader(controlLength: 0, flags: [])
  /// When a `clock_nanosleep`'s timer fires (the end of its slack range).
  var sleepEnd: Nanoseconds?
  /// The locals of the rarer calls (a datagram send or receive, a poll, a batch, an
  /// `epoll_wait`), in a box made when one is first set: a frame is made and destroyed with
  /// every call, and releasing those empty fields one by one cost every call about 100
  /// instructions. A frame is never copied (only passed `inout` and replaced whole), so
  /// the box is never shared.
  private var rare: RareLocals?

  /// The box, to set a field in: made for a value, not for clearing a field of a box that
  /// was never made (nil then).
  private mutating func rareLocals<Value>(setting value: Value?) -> RareLocals? {
    if let rare { return rare }
    guard value != nil else { return nil }
    let made = RareLocals()
    rare = made
    return made
  }

  /// A `poll`'s table of registered wait-queue entries and its deadline (`poll_wqueues`).
  var poll: PollWqueues? {
    get { rare?.poll }
    set { rareLocals(setting: newValue)?.poll = newValue }
  }
  /// The sender of the datagram a `recv` took.
  var sender: SockAddrUn? {
    get { rare?.sender }
    set { rareLocals(setting: newValue)?.sender = newValue }
  }
  /// The datagram `unix_dgram_sendmsg` allocated: charged to the sender while it waits for
  /// room in the receiver's queue.
  var skb: SkBuff? {
    get { rare?.skb }
    set { rareLocals(setting: newValue)?.skb = newValue }
  }
  /// `other` of `unix_dgram_sendmsg`: the receiver, held across `unix_wait_for_peer`.
  var other: Sock? {
    get { rare?.other }
    set { rareLocals(setting: newValue)?.other = newValue }
  }
  /// A `sendmmsg` or `recvmmsg`: the messages done before the one in progress.
  var batch: BatchState? {
    get { rare?.batch }
    set { rareLocals(setting: newValue)?.batch = newValue }
  }
  /// An `epoll_wait` in `ep_poll`.
  var epollWait: EpollWaitState? {
    get { rare?.epollWait }
    set { rareLocals(setting: newValue)?.epollWait = newValue }
  }
}

/// ``CallFrame``'s rarer locals.
private final class RareLocals {
  var poll: PollWqueues?
  var sender: SockAddrUn?
  var skb: SkBuff?
  var other: Sock?
  var batch: BatchState?
  var epollWait: EpollWaitState?
}

/// A system call in progress: its record (what the events report) and the kernel's state
/// of it, in one object, so that an event's record is a reference to the call.
///
/// Its record's fields are `let`s; the rest is the kernel's, which runs on one thread.
final class ActiveCall: CallRecord, @unchecked Sendable {
  var frame = CallFrame()
  /// The call has slept at least once (its return is a "resumed" one).
  var hasSlept = false
  /// The file `fdget` took for the call's descriptor, held until it returns.
  var file: OpenFile?
  /// Where the call sleeps (``KernelTask/sleeping``): only a call sleeps, so the state is
  /// the call's, and a task with none costs no room for it.
  var sleeping: SleepState?
}

/// Where a sleeping task sleeps.
struct SleepState {
  /// What `finish_wait` takes off its queue when the sleep ends other than through it (a
  /// timeout, a signal): the one entry of a `schedule_timeout` sleep. A `poll`'s entries
  /// stay queued until `poll_freewait`, so none here.
  let entries: [WaitQueueEntry]
  /// The queues it sleeps on, for reports.
  let queues: [WaitQueueName]
  /// The jiffy at which `schedule_timeout` expires; nil for `MAX_SCHEDULE_TIMEOUT` and for a
  /// sleep on a high-resolution timer.
  let expire: Jiffies?
  /// When the sleep's timer fires, of either kind; nil for none.
  let expiresAt: Nanoseconds?

  /// `finish_wait` after a timeout or a signal.
  func finishWait() {
    for entry in entries { entry.queue?.remove(entry) }
  }
}

/// A thread of the modelled process (`struct task_struct`).
///
/// 72 bytes, an 80-byte allocation, one for each thread that ever called: the id in 32
/// bits with the flags beside it, and the signal state and timer, which most threads never
/// touch, in a box made when one is set (``RareFields``); all stored here made 104 and 112.
final class KernelTask {
  private let idValue: Int32
  /// Already in the run queue.
  var isQueued = false
  /// The process has ended (`exit_group`, a killing signal): the task runs no more.
  var isDead = false
  /// `comm`: the task's name.
  let comm: String
  var pending = Deque<PendingCall>()
  var current: ActiveCall?
  /// Its process (the kernel's `signal`, `files` and thread group). Unowned and unchecked:
  /// the kernel keeps every process (``Kernel/processes`` never drops one, reaped or not)
  /// for as long as it keeps the task, and a checked reference cost a retain and a release
  /// at every read, several per call (callgrind: 4 % of a pingpong).
  unowned(unsafe) let group: TaskGroup
  private var rare: RareFields?

  private final class RareFields {
    var pendingSignals = SigSet()
    var blocked = SigSet()
    var savedSigmask: SigSet?
    var timer: KernelTimer?
  }

  /// The box, made for a value other than a field's default.
  private var rareFields: RareFields { rare.made(by: RareFields.init) }

  init(id: TaskID, comm: String, group: TaskGroup) {
    self.idValue = Int32(id.rawValue)
    self.comm = comm
    self.group = group
  }

  var id: TaskID { TaskID(rawValue: Int(idValue)) }
  /// Where the task sleeps, kept by its call: a task sleeps only in a call, and a task's
  /// own 40 bytes for it were idle in each of a million sockets' threads (`MemoryLayout`).
  var sleeping: SleepState? {
    get { current?.sleeping }
    set {
      assert(current != nil || newValue == nil, "a task sleeps only in a call")
      current?.sleeping = newValue
    }
  }
  /// `pending`: the signals sent to this thread whose handlers have not run yet, blocked
  /// ones included.
  var pendingSignals: SigSet {
    get { rare?.pendingSignals ?? [] }
    set { if !newValue.isEmpty || rare != nil { rareFields.pendingSignals = newValue } }
  }
  /// `blocked`: the signals this thread does not take (`rt_sigprocmask`), which stay pending.
  var blocked: SigSet {
    get { rare?.blocked ?? [] }
    set { if !newValue.isEmpty || rare != nil { rareFields.blocked = newValue } }
  }
  /// `saved_sigmask` with TIF_RESTORE_SIGMASK: the mask a `ppoll`, `pselect6` or
  /// `epoll_pwait` replaced for its sleep, put back on the way out to user space.
  var savedSigmask: SigSet? {
    get { rare?.savedSigmask }
    set { if newValue != nil || rare != nil { rareFields.savedSigmask = newValue } }
  }
  /// The `schedule_timeout` timer, made when the task first arms it: the kernel's is on
  /// the stack of `schedule_timeout`, and most tasks (a million sockets' own threads) never
  /// sleep with a timeout, which saved a 56-byte object apiece (`malloc_usable_size`). Made
  /// once and kept, so that a `del_timer` always finds the timer a `mod_timer` armed.
  var timer: KernelTimer {
    if let timer = rare?.timer { return timer }
    let timer = KernelTimer(.processTimeout(id))
    rareFields.timer = timer
    return timer
  }
  /// The timer if ever armed: nil is a timer that is not pending, which `del_timer` leaves.
  var timerIfMade: KernelTimer? { rare?.timer }

  /// Nothing in progress and nothing waiting to be issued.
  var isIdle: Bool { current == nil && pending.isEmpty }
}
