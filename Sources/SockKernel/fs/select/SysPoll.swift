import SyscallVocabulary

/// `poll(2)`: `sys_poll`, `do_sys_poll`, `do_poll`, `do_pollfd` (fs/select.c).
extension Kernel {
  /// `sys_poll` → `do_sys_poll` → `do_poll`. The first pass registers the poller on the wait
  /// queue of every socket polled (until one has events); with no events and time left it
  /// sleeps on all of them at once, then polls every descriptor again. Re-entered after each
  /// sleep in `poll_schedule_timeout`, with the table kept in ``CallFrame/poll``.
  func sysPoll(_ fds: [PollRequest], timeoutMs: Int32, frame: inout CallFrame) -> SyscallStep {
    let table: PollWqueues
    if let existing = frame.poll {
      table = existing
      // poll_schedule_timeout returned 0: the high-resolution timer expired.
      if let endTime = table.endTime, clock.now >= endTime { table.timedOut = true }
    } else {
      guard let task = currentTask else { preconditionFailure("a poll runs in a task") }
      // sys_poll → poll_select_set_timeout: a negative timeout waits forever; the deadline
      // is in nanoseconds, not jiffies.
      let timeout = timeoutMs >= 0 ? Int64(timeoutMs) * NSEC_PER_MSEC : nil
      table = PollWqueues(task: task, timeout: timeout, endTime: timeout.map { clock.now + $0 })
      if timeoutMs == 0 {
        // Optimise the no-wait case: nothing is registered.
        table.registering = false
        table.timedOut = true
      } else if let endTime = table.endTime {
        table.slack = selectEstimateAccuracy(endTime - clock.now)
      }
      frame.poll = table
    }
    return doPoll(fds, table)
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
    let queues = table.entries.map(\.wait).compactMap(\.queue).map(\.name)
    var timer: HrtimerTimeout?
    if let timeout = table.timeout, let endTime = table.endTime {
      timer = HrtimerTimeout(timeout: timeout, slack: table.slack, expiresAt: endTime + table.slack)
    }
    let polled = fds.count == 1 ? "1 descriptor" : "\(fds.count) descriptors"
    return .pollSleep(
      queues: queues, timer: timer,
      reason: Reason("do_poll", "no events on \(polled): poll_schedule_timeout"))
  }

  /// `do_pollfd`: a negative descriptor is skipped (0), one that is not open is `POLLNVAL`;
  /// otherwise the socket's poll, cut down to the events asked for plus `POLLERR|POLLHUP`.
  private func doPollfd(_ pollfd: PollRequest, _ pwait: PollWqueues) -> PollMask {
    if pollfd.fd < 0 { return [] }
    guard let opened = fdget(pollfd.fd) else { return .EPOLLNVAL }
    let filter = pollfd.events.union([.EPOLLERR, .EPOLLHUP])
    if let epoll = opened as? EpollFile {
      pwait.key = filter
      return epEventpollPoll(epoll, pwait, depth: 0).intersection(filter)
    }
    // vfs_poll of a file without a poll method: DEFAULT_POLLMASK, and no wait queue.
    guard let file = opened as? SocketFile else {
      return PollMask([.EPOLLIN, .EPOLLOUT, .EPOLLRDNORM, .EPOLLWRNORM]).intersection(filter)
    }
    pwait.key = filter
    return sockPoll(file, pwait).intersection(filter)
  }
}
