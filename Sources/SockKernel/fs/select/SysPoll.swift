import SyscallVocabulary

/// `poll(2)` and `ppoll(2)`: `sys_poll`, `sys_ppoll`, `do_sys_poll`, `do_poll`, `do_pollfd`
/// (fs/select.c).
extension Kernel {
  /// `sys_poll` → `poll_select_set_timeout` (a negative timeout waits forever; the deadline
  /// is in nanoseconds, not jiffies) → `do_sys_poll`.
  func sysPoll(_ fds: [PollRequest], timeoutMs: Int32, frame: inout CallFrame) -> SyscallStep {
    doSysPoll(fds, timeout: timeoutMs >= 0 ? Int64(timeoutMs) * NSEC_PER_MSEC : nil, frame: &frame)
  }

  /// `sys_ppoll`: the timeout is a `timespec` (nil: NULL, forever), and the call sleeps with
  /// `sigmask` in place of the thread's mask (`set_user_sigmask`), put back by
  /// `poll_select_finish` unless a signal interrupted it.
  func sysPpoll(_ fds: [PollRequest], timeout: Nanoseconds?, sigmask: SigSet?, frame: inout CallFrame) -> SyscallStep {
    if frame.poll == nil { setUserSigmask(sigmask) }
    let step = doSysPoll(fds, timeout: timeout, frame: &frame)
    if case .done(let outcome) = step { restoreSavedSigmaskUnless(outcome.errno == .EINTR) }
    return step
  }

  /// `do_sys_poll` → `do_poll`. The first pass registers the poller on the wait queue of
  /// every socket polled (until one has events); with no events and time left it sleeps on
  /// all of them at once, then polls every descriptor again. Re-entered after each sleep in
  /// `poll_schedule_timeout`, with the table kept in ``CallFrame/poll``.
  private func doSysPoll(_ fds: [PollRequest], timeout: Nanoseconds?, frame: inout CallFrame) -> SyscallStep {
    let table = pollInitwait(timeout: timeout, frame: &frame)
    return doPoll(fds, table)
  }

  /// `poll_initwait` with the deadline `poll_select_set_timeout` computed, on the call's
  /// first entry; on a later one, the same table, timed out if its timer has fired
  /// (`poll_schedule_timeout` returned 0). A zero timeout registers nothing.
  func pollInitwait(timeout: Nanoseconds?, frame: inout CallFrame) -> PollWqueues {
    if let table = frame.poll {
      if let endTime = table.endTime, clock.now >= endTime { table.timedOut = true }
      return table
    }
    guard let task = currentTask else { preconditionFailure("a poll runs in a task") }
    let table = PollWqueues(task: task, timeout: timeout, endTime: timeout.map { clock.now + $0 })
    if timeout == 0 {
      // Optimise the no-wait case: nothing is registered.
      table.registering = false
      table.timedOut = true
    } else if let endTime = table.endTime {
      table.slack = selectEstimateAccuracy(endTime - clock.now)
    }
    frame.poll = table
    return table
  }

  /// One turn of `do_poll`'s loop: poll every descriptor, then return or sleep.
  private func doPoll(_ fds: [PollRequest], _ table: PollWqueues) -> SyscallStep {
    var count = 0
    var revents: [PollMask] = []
    for pfd in fds {
      let mask = doPollfd(pfd, table)
      revents.append(mask)
      if !mask.isEmpty {
        // Found something: register no other waiters after this.
        count += 1
        table.registering = false
      }
    }
    // All waiters have already been registered.
    table.registering = false
    if count == 0, signalPending() {
      // -ERESTARTNOHAND, which sys_poll turns into a restart block: a handler always makes
      // it EINTR, SA_RESTART or not.
      pollFreewait(table)
      return .done(
        .failure(.EINTR, Reason("do_poll", "signal_pending with no events: -ERESTARTNOHAND, EINTR with any handler")))
    }
    if count > 0 || table.timedOut {
      pollFreewait(table)
      var outcome = SyscallOutcome.success(Int64(count))
      outcome.revents = revents
      return .done(outcome)
    }
    let polled = fds.count == 1 ? "1 descriptor" : "\(fds.count) descriptors"
    return pollScheduleStep(table, Reason("do_poll", "no events on \(polled): poll_schedule_timeout"))
  }

  /// `do_pollfd`: a negative descriptor is skipped (0), one that is not open is `POLLNVAL`;
  /// otherwise the socket's poll, cut down to the events asked for plus `POLLERR|POLLHUP`.
  private func doPollfd(_ pollfd: PollRequest, _ pwait: PollWqueues) -> PollMask {
    if pollfd.fd < 0 { return [] }
    guard let opened = fdget(pollfd.fd) else { return .EPOLLNVAL }
    let filter = pollfd.events.union([.EPOLLERR, .EPOLLHUP])
    pwait.key = filter
    return vfsPoll(opened, pwait).intersection(filter)
  }

  /// `vfs_poll`: the file's poll function with the table (a socket's `sock_poll`, an epoll
  /// file's `ep_eventpoll_poll`); a file without one is DEFAULT_POLLMASK, with no wait queue.
  func vfsPoll(_ opened: OpenFile, _ pwait: PollTable) -> PollMask {
    switch opened {
    case let socket as SocketFile: sockPoll(socket, pwait)
    case let epoll as EpollFile: epEventpollPoll(epoll, pwait, depth: 0)
    default: [.EPOLLIN, .EPOLLOUT, .EPOLLRDNORM, .EPOLLWRNORM]
    }
  }
}
