import SyscallVocabulary

extension Kernel {
  /// `sk_send_sigurg` (`net/core/sock.c`): SIGURG to the owner of the socket's file, if the
  /// socket has one (an embryo not accepted yet has none). The `sk_wake_async` that follows
  /// reaches only O_ASYNC files, which the model does not have.
  func skSendSigurg(_ sk: Sock) {
    guard let file = sk.file else { return }
    _ = sendSigurg(file)
  }
}
