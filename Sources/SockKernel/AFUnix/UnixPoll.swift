extension Kernel {
  /// `do_sys_poll` with `unix_poll` / `unix_dgram_poll`.
  func sysPoll(_ fds: [PollRequest], timeoutMs: Int32, frame: inout CallFrame) -> SyscallStep {
    .notModelled("poll")
  }
}
