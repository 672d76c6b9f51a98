import SyscallVocabulary

extension Kernel {
  /// `epoll_create1` → `do_epoll_create`: flags other than EPOLL_CLOEXEC are EINVAL; then
  /// the instance (`ep_alloc`) and its file, on the lowest free descriptor.
  func sysEpollCreate1(flags: Int32) -> SyscallOutcome {
    if flags & ~O_CLOEXEC != 0 {
      return .failure(.EINVAL, Reason("do_epoll_create", "flags \(flags) other than EPOLL_CLOEXEC"))
    }
    guard let fd = getUnusedFdFlags() else { return Self.tooManyFiles("do_epoll_create") }
    nextInode += 1
    let file = EpollFile(ep: EventPoll(inode: nextInode))
    installFile(file, at: fd)
    if flags & O_CLOEXEC != 0 { closeOnExec.insert(fd) } else { closeOnExec.remove(fd) }
    var outcome = SyscallOutcome.success(Int64(fd))
    outcome.inode = file.ep.inode
    return outcome
  }

  /// `ep_eventpoll_release` → `ep_clear_and_put`: the epoll file's last reference went.
  /// Pollers of the instance are woken, and every item is removed (`ep_remove`).
  func epClearAndPut(_ ep: EventPoll) {
    if ep.pollWait.count > 0 { epPollSafewake(ep) }
    for epi in Array(ep.items.values) { epRemove(ep, epi) }
  }

  /// `eventpoll_release_file`: a watched file's last reference went: every item on it is
  /// removed from its instance, whatever descriptor added it.
  func eventpollReleaseFile(_ file: OpenFile) {
    for epi in Array(file.epitems.values) { epRemove(epi.ep, epi) }
  }
}
