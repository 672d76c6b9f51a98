import SyscallVocabulary

/// `SO_SNDTIMEO` / `SO_RCVTIMEO` (`net/core/sock.c`).
extension Kernel {
  /// `sk_setsockopt` for the two timeout options.
  func skSetsockopt(_ sk: Sock, _ option: SocketOption, _ tv: Timeval, optlen: Int32) -> SyscallOutcome {
    // __sys_setsockopt
    if optlen < 0 {
      return .failure(.EINVAL, Reason("__sys_setsockopt", "optlen \(optlen) < 0"))
    }
    // sk_setsockopt: every option reads at least an int.
    if optlen < 4 {
      return .failure(.EINVAL, Reason("sk_setsockopt", "optlen \(optlen) < sizeof(int)"))
    }
    switch option {
    case .SO_SNDTIMEO: return sockSetTimeout(&sk.sndtimeo, tv, optlen: optlen)
    case .SO_RCVTIMEO: return sockSetTimeout(&sk.rcvtimeo, tv, optlen: optlen)
    }
  }

  /// `sock_set_timeout`: a timeval becomes jiffies, microseconds rounded up to whole ticks.
  func sockSetTimeout(_ timeo: inout Jiffies, _ tv: Timeval, optlen: Int32) -> SyscallOutcome {
    // sock_copy_user_timeval: the old 16-byte timeval.
    if optlen < Timeval.size {
      return .failure(
        .EINVAL, Reason("sock_copy_user_timeval", "optlen \(optlen) < sizeof(struct __kernel_old_timeval) 16"))
    }
    if tv.microseconds < 0 || tv.microseconds >= USEC_PER_SEC {
      return .failure(.EDOM, Reason("sock_set_timeout", "tv_usec \(tv.microseconds) outside [0, 1000000)"))
    }
    if tv.seconds < 0 {
      timeo = 0
      if negativeTimeoutWarnings < 10 {
        negativeTimeoutWarnings += 1
        let task = currentTask ?? TaskID(rawValue: 0)
        emit(.log(task, "sock_set_timeout: `\(commOf(task))' (pid \(pid(of: task))) tries to set negative timeout"))
      }
      return .success()
    }
    var value = MAX_SCHEDULE_TIMEOUT
    let hz = clock.hz
    if (tv.seconds != 0 || tv.microseconds != 0) && tv.seconds < MAX_SCHEDULE_TIMEOUT / hz - 1 {
      let usecPerJiffy = USEC_PER_SEC / hz
      value = tv.seconds * hz + (tv.microseconds + usecPerJiffy - 1) / usecPerJiffy
    }
    timeo = value
    return .success()
  }

  /// `sk_getsockopt` for the two timeout options (`optlen` 16).
  func skGetsockopt(_ sk: Sock, _ option: SocketOption) -> SyscallOutcome {
    var outcome = SyscallOutcome.success()
    switch option {
    case .SO_SNDTIMEO: outcome.timeval = sockGetTimeout(sk.sndtimeo)
    case .SO_RCVTIMEO: outcome.timeval = sockGetTimeout(sk.rcvtimeo)
    }
    return outcome
  }

  /// `sock_get_timeout`: `MAX_SCHEDULE_TIMEOUT` reads back as {0, 0}.
  func sockGetTimeout(_ timeo: Jiffies) -> Timeval {
    if timeo == MAX_SCHEDULE_TIMEOUT { return Timeval(seconds: 0, microseconds: 0) }
    let hz = clock.hz
    return Timeval(seconds: timeo / hz, microseconds: (timeo % hz) * USEC_PER_SEC / hz)
  }

  /// `current->comm`: at most `TASK_COMM_LEN - 1` (15) bytes.
  func commOf(_ task: TaskID) -> String { String(tasks[task.rawValue].comm.utf8.prefix(15)) ?? "" }

  /// The task's thread id as the model numbers them.
  public func pid(of task: TaskID) -> Int { 1000 + task.rawValue }
}
