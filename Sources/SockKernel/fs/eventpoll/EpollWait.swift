import SyscallVocabulary

/// What an `epoll_wait` keeps across its sleeps in `ep_poll`.
struct EpollWaitState {
  /// The high-resolution timer, which fires at the end of its slack range; nil: no timeout.
  let timer: HrtimerTimeout?
  /// `timed_out`.
  var timedOut: Bool
  /// `eavail`.
  var eventsAvailable: Bool
  /// The wait entry of the last sleep (`init_wait`, `ep_autoremove_wake_function`).
  var entry: WaitQueueEntry?
}

/// `epoll_wait(2)` and `epoll_pwait(2)`: `do_epoll_pwait`, `do_epoll_wait`, `ep_poll`,
/// `ep_send_events`.
extension Kernel {
  /// `do_epoll_pwait`: `do_epoll_wait` with `sigmask` in place of the thread's mask
  /// (`set_user_sigmask`), put back on return unless a signal interrupted it (EINTR).
  func doEpollPwait(
    _ file: OpenFile, maxevents: Int32, timeoutMs: Int32, sigmask: SigSet?, frame: inout CallFrame
  ) -> SyscallStep {
    if frame.epollWait == nil { setUserSigmask(sigmask) }
    let step = doEpollWait(file, maxevents: maxevents, timeoutMs: timeoutMs, frame: &frame)
    if case .done(let outcome) = step { restoreSavedSigmaskUnless(outcome.errno == .EINTR) }
    return step
  }

  /// `do_epoll_wait` → `ep_check_params` (maxevents from 1 to EP_MAX_EVENTS, an epoll file:
  /// EINVAL) → `ep_poll`. A timeout of 0 harvests without sleeping; a negative one waits
  /// forever; otherwise a high-resolution timer with `select_estimate_accuracy`'s slack,
  /// which the model lets run to the end of its range, as `poll`'s.
  func doEpollWait(_ file: OpenFile, maxevents: Int32, timeoutMs: Int32, frame: inout CallFrame) -> SyscallStep {
    var state: EpollWaitState
    if let existing = frame.epollWait {
      state = existing
      // schedule_hrtimeout_range returned 0: the timer fired.
      if let expires = state.timer?.expiresAt, clock.now >= expires { state.timedOut = true }
      // Woken, the entry is gone: harvest. Timed out (or interrupted) with it still queued:
      // harvest only if not timed out.
      state.eventsAvailable = (state.entry?.taken ?? true) || !state.timedOut
      if let entry = state.entry { entry.queue?.remove(entry) }
      state.entry = nil
    } else {
      guard maxevents > 0, maxevents <= EP_MAX_EVENTS else {
        return .done(.failure(.EINVAL, Reason("ep_check_params", "maxevents \(maxevents) not in 1 … EP_MAX_EVENTS")))
      }
      guard let epfile = file as? EpollFile else {
        return .done(.failure(.EINVAL, Reason("ep_check_params", "the descriptor is not an epoll file")))
      }
      var timer: HrtimerTimeout?
      if timeoutMs > 0 {
        let timeout = Int64(timeoutMs) * NSEC_PER_MSEC
        let slack = selectEstimateAccuracy(timeout)
        timer = HrtimerTimeout(timeout: timeout, slack: slack, expiresAt: clock.now + timeout + slack)
      }
      state = EpollWaitState(
        timer: timer, timedOut: timeoutMs == 0,
        eventsAvailable: epEventsAvailable(epfile.ep), entry: nil)
    }
    let ep = (file as! EpollFile).ep
    let step = epPoll(ep, maxevents: Int(maxevents), &state)
    frame.epollWait = state
    return step
  }

  /// `ep_poll`'s loop: harvest when events may be there; return what came, or 0 once timed
  /// out, or EINTR for a signal; else sleep exclusively on `ep->wq` until a callback or the
  /// timer wakes the task.
  private func epPoll(_ ep: EventPoll, maxevents: Int, _ state: inout EpollWaitState) -> SyscallStep {
    while true {
      if state.eventsAvailable {
        let events = epSendEvents(ep, maxevents: maxevents)
        if !events.isEmpty {
          var outcome = SyscallOutcome.success(Int64(events.count))
          outcome.epollEvents = events
          return .done(outcome)
        }
      }
      if state.timedOut {
        var outcome = SyscallOutcome.success(0)
        outcome.epollEvents = []
        return .done(outcome)
      }
      if signalPending() {
        return .done(.failure(.EINTR, Reason("ep_poll", "signal_pending with no events: EINTR with any handler")))
      }
      state.eventsAvailable = epEventsAvailable(ep)
      if state.eventsAvailable { continue }
      // ep_schedule_timeout: a deadline already past times out without sleeping.
      if let expires = state.timer?.expiresAt, clock.now >= expires {
        state.timedOut = true
        continue
      }
      guard let task = currentTask else { preconditionFailure("an epoll_wait runs in a task") }
      let entry = WaitQueueEntry(task: task, exclusive: true, keyFilter: nil)
      ep.wq.addExclusiveAtHead(entry)
      state.entry = entry
      return .pollSleep(
        queues: [ep.wq.name], timer: state.timer, reason: Reason("ep_poll", "no events on the ready list"),
        exclusive: true, entries: [entry])
    }
  }

  /// `ep_events_available`: the ready list is not empty.
  func epEventsAvailable(_ ep: EventPoll) -> Bool { !ep.ready.isEmpty }

  /// `ep_send_events`: each item on the ready list, in order, is polled again; one with
  /// events is reported (up to `maxevents`), then a level-triggered one goes back on the
  /// tail of the list, an edge-triggered one stays off, and a one-shot one is disabled
  /// (only its epoll flags left). An item with no events now drops out. Items not reached
  /// go back to the head (`ep_done_scan`), and a list left non-empty wakes another waiter.
  func epSendEvents(_ ep: EventPoll, maxevents: Int) -> [EpollEvent] {
    let batch = ep.ready.takeAll()
    var delivered: [EpollEvent] = []
    var index = 0
    while index < batch.count, delivered.count < maxevents {
      let epi = batch[index]
      index += 1
      let revents = epItemPoll(epi, PollTable(), depth: 1)
      if revents.isEmpty { continue }
      delivered.append(EpollEvent(events: revents, data: epi.event.data))
      if epi.event.events.contains(.EPOLLONESHOT) {
        epi.event.events.formIntersection(.epollPrivate)
      } else if !epi.event.events.contains(.EPOLLET) {
        ep.ready.append(epi)
      }
    }
    ep.ready.prepend(Array(batch[index...]))
    if !ep.ready.isEmpty, ep.wq.count > 0 { wakeUp(ep.wq, nrExclusive: 1) }
    return delivered
  }

  /// `ep_item_poll`: the item's file polled for the item's events (an epoll file by
  /// `__ep_eventpoll_poll`), with `table`'s queue procedure if it has one.
  func epItemPoll(_ epi: EpItem, _ table: PollTable, depth: Int) -> PollMask {
    table.key = epi.event.events
    let events: PollMask
    switch epi.file {
    case let socket as SocketFile: events = sockPoll(socket, table)
    case let nested as EpollFile: events = epEventpollPoll(nested, table, depth: depth)
    default: events = []
    }
    return events.intersection(epi.event.events)
  }

  /// `__ep_eventpoll_poll`: an epoll file is readable (EPOLLIN|EPOLLRDNORM) when an item
  /// on its ready list has events; the items found without any leave the list. The poller
  /// is hooked on `ep->poll_wait`.
  func epEventpollPoll(_ file: EpollFile, _ wait: PollTable?, depth: Int) -> PollMask {
    let ep = file.ep
    pollWait(file, ep.pollWait, wait)
    var cursor = ep.ready.first
    while let epi = cursor {
      cursor = epi.readyNext
      if !epItemPoll(epi, PollTable(), depth: depth + 1).isEmpty { return [.EPOLLIN, .EPOLLRDNORM] }
      ep.ready.remove(epi)
    }
    return []
  }

  /// `ep_ptable_queue_proc`: the item's entry on one of its file's wait queues, with
  /// `ep_poll_callback` as its function: exclusive (at the tail) for EPOLLEXCLUSIVE.
  func epPtableQueueProc(_ queue: WaitQueue, _ epq: EpollQueue) {
    let epi = epq.epi
    let wait = WaitQueueEntry(
      task: nil, exclusive: epi.event.events.contains(.EPOLLEXCLUSIVE), keyFilter: nil, function: .epollCallback)
    wait.epitem = epi
    queue.add(wait)
    epi.waits.append(wait)
  }

  /// `ep_poll_callback`: a wake-up of a watched file. A disabled item (one-shot, fired) or
  /// a key with none of its events does nothing; otherwise the item goes on the ready list
  /// and one `epoll_wait` sleeper is woken, and the instance's pollers. Returns whether the
  /// wake-up counts as an exclusive one: always for a non-exclusive item; an exclusive one
  /// only when it woke a sleeper for an event it asked for (so that a wake-up of one
  /// exclusive waiter goes on to the next instance when this one has nobody waiting).
  func epPollCallback(_ epi: EpItem, key: PollMask?) -> Bool {
    let ep = epi.ep
    let exclusive = epi.event.events.contains(.EPOLLEXCLUSIVE)
    var ewake = false
    disabled: do {
      // If the event mask does not contain any poll(2) event, the descriptor is disabled.
      if epi.event.events.subtracting(.epollPrivate).isEmpty { break disabled }
      if let key, key.isDisjoint(with: epi.event.events) { break disabled }
      if !epi.isReady { ep.ready.append(epi) }
      if ep.wq.count > 0 {
        if exclusive {
          switch (key ?? []).intersection([.EPOLLIN, .EPOLLOUT]) {
          case .EPOLLIN: ewake = epi.event.events.contains(.EPOLLIN)
          case .EPOLLOUT: ewake = epi.event.events.contains(.EPOLLOUT)
          case []: ewake = true
          default: break
          }
        }
        wakeUp(ep.wq, nrExclusive: 1)
      }
      if ep.pollWait.count > 0 { epPollSafewake(ep) }
    }
    return exclusive ? ewake : true
  }

  /// `ep_poll_safewake`: the instance's own pollers, with an EPOLLIN key.
  func epPollSafewake(_ ep: EventPoll) {
    wakeUp(ep.pollWait, nrExclusive: 1, key: .EPOLLIN)
  }
}
