import SyscallVocabulary

/// `POLLIN_SET` of fs/select.c: what makes a descriptor of the read set ready. EPOLLNVAL is
/// in each set: a descriptor closed while the call slept is reported ready in every set it
/// was asked in (measured on 6.18; older kernels skipped it).
let POLLIN_SET: PollMask = [.EPOLLRDNORM, .EPOLLRDBAND, .EPOLLIN, .EPOLLHUP, .EPOLLERR, .EPOLLNVAL]
/// `POLLOUT_SET`: what makes a descriptor of the write set ready.
let POLLOUT_SET: PollMask = [.EPOLLWRBAND, .EPOLLWRNORM, .EPOLLOUT, .EPOLLERR, .EPOLLNVAL]
/// `POLLEX_SET`: what makes a descriptor of the exception set ready (out-of-band data).
let POLLEX_SET: PollMask = [.EPOLLPRI, .EPOLLNVAL]

/// `select(2)` and `pselect6(2)`: `kern_select`, `do_pselect`, `core_sys_select`,
/// `max_select_fd`, `do_select` (fs/select.c).
extension Kernel {
  /// `kern_select` or `do_pselect` → `core_sys_select` → `do_select`, then
  /// `poll_select_finish`. `pselect6` sleeps with its mask in place of the thread's
  /// (`set_user_sigmask`), put back unless a signal interrupted it. Re-entered after each
  /// sleep, with the table kept in ``CallFrame/poll``.
  func sysSelect(_ request: SelectRequest, frame: inout CallFrame) -> SyscallStep {
    if frame.poll == nil {
      setUserSigmask(request.sigmask)
      // core_sys_select: a negative nfds is EINVAL; one above the table's size (`max_fds`)
      // is cut to it, which cannot matter here: a descriptor a script names was open once,
      // and a table never shrinks.
      guard request.nfds >= 0 else {
        restoreSavedSigmaskUnless(false)
        return .done(.failure(.EINVAL, Reason("core_sys_select", "nfds \(request.nfds) < 0")))
      }
      if let closed = maxSelectFd(request) {
        restoreSavedSigmaskUnless(false)
        return .done(
          .failure(.EBADF, Reason("max_select_fd", "descriptor \(closed) of a set below nfds is not open")))
      }
    }
    let table = pollInitwait(timeout: request.timeout, frame: &frame)
    let step = doSelect(request, table)
    if case .done(let outcome) = step { restoreSavedSigmaskUnless(outcome.errno == .EINTR) }
    return step
  }

  /// `max_select_fd`: every descriptor below `nfds` in any set must be open (else EBADF,
  /// here the first one that is not).
  private func maxSelectFd(_ request: SelectRequest) -> Int32? {
    let asked = [request.read, request.write, request.except].compactMap { $0 }.joined()
    return asked.filter { $0 < request.nfds }.sorted().first { fdget($0) == nil }
  }

  /// One turn of `do_select`'s loop: every descriptor of the sets, in increasing order,
  /// polled with the key of the sets it is in (`wait_key_set`), and counted once per set
  /// it is ready for; then return (something ready, timed out, or EINTR for a signal with
  /// nothing ready: `core_sys_select`'s -ERESTARTNOHAND) or sleep.
  private func doSelect(_ request: SelectRequest, _ table: PollWqueues) -> SyscallStep {
    let read = Set(request.read ?? []), write = Set(request.write ?? []), except = Set(request.except ?? [])
    let descriptors = read.union(write).union(except).filter { $0 < request.nfds }.sorted()
    var result = SelectResult(read: [], write: [], except: [])
    var count = 0
    for fd in descriptors {
      var mask = PollMask.EPOLLNVAL
      if let opened = fdget(fd) {
        table.key = POLLEX_SET
        if read.contains(fd) { table.key.formUnion(POLLIN_SET) }
        if write.contains(fd) { table.key.formUnion(POLLOUT_SET) }
        mask = vfsPoll(opened, table)
      }
      if !mask.isDisjoint(with: POLLIN_SET), read.contains(fd) {
        result.read.append(fd)
        count += 1
        table.registering = false
      }
      if !mask.isDisjoint(with: POLLOUT_SET), write.contains(fd) {
        result.write.append(fd)
        count += 1
        table.registering = false
      }
      if !mask.isDisjoint(with: POLLEX_SET), except.contains(fd) {
        result.except.append(fd)
        count += 1
        table.registering = false
      }
    }
    table.registering = false
    if count > 0 || table.timedOut || signalPending() {
      pollFreewait(table)
      if count == 0, signalPending() {
        return .done(
          .failure(
            .EINTR,
            Reason("core_sys_select", "signal_pending with nothing ready: -ERESTARTNOHAND, EINTR with any handler")))
      }
      var outcome = SyscallOutcome.success(Int64(count))
      outcome.selected = result
      return .done(outcome)
    }
    let watched = descriptors.count == 1 ? "1 descriptor" : "\(descriptors.count) descriptors"
    return pollScheduleStep(table, Reason("do_select", "none of \(watched) ready: poll_schedule_timeout"))
  }
}
