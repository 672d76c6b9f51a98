import SyscallVocabulary

/// A socket's default callbacks (`net/core/sock.c`, set by `sock_init_data`): who is woken
/// when data arrives, the state changes or an error is reported.
extension Kernel {
  /// `sock_def_readable` (`sk_data_ready`): wakes one exclusive reader with an `EPOLLIN` key.
  func sockDefReadable(_ sk: Sock) {
    wakeUp(sk.sleepQueueIfMade, nrExclusive: 1, key: [.EPOLLIN, .EPOLLPRI, .EPOLLRDNORM, .EPOLLRDBAND])
  }

  /// `sock_def_wakeup` (`sk_state_change`): wakes everybody on the socket's own queue.
  func sockDefWakeup(_ sk: Sock) { wakeUpInterruptibleAll(sk.sleepQueueIfMade) }

  /// `sock_def_error_report` (`sk_error_report`): wakes one reader with an `EPOLLERR` key.
  func sockDefErrorReport(_ sk: Sock) {
    wakeUp(sk.sleepQueueIfMade, nrExclusive: 1, key: [.EPOLLERR])
  }
}
