import SyscallVocabulary

/// `epoll_ctl(2)`: adding, changing and removing the files an epoll instance watches.
extension Kernel {
  /// `EP_MAX_NESTS`: how deep epoll instances may watch one another.
  static let epMaxNests = 4

  /// `EPOLLEXCLUSIVE_OK_BITS`: the only events an exclusive item may ask for.
  static let epollExclusiveOK: PollMask = [
    .EPOLLIN, .EPOLLOUT, .EPOLLERR, .EPOLLHUP, .EPOLLWAKEUP, .EPOLLET, .EPOLLEXCLUSIVE,
  ]

  /// `do_epoll_ctl` → `do_epoll_ctl_file`, checks in the kernel's order: EBADF for either
  /// descriptor; EPERM for a file that cannot be polled; EINVAL for an epoll file added to
  /// itself or an `epfd` that is not one; EINVAL for EPOLLEXCLUSIVE with MOD, on an epoll
  /// file, or with events beyond EPOLLEXCLUSIVE_OK_BITS; ELOOP for a loop of epoll
  /// instances or one nested too deep; then EEXIST, ENOENT, and EINVAL for a MOD of an
  /// exclusive item. ADD and MOD add EPOLLERR|EPOLLHUP to the events.
  func doEpollCtl(epfd: Int32, op: EpollOp, fd: Int32, event: EpollEvent) -> SyscallOutcome {
    guard let f = fdget(epfd) else { return .failure(.EBADF, Reason("do_epoll_ctl", "epfd \(epfd) is not open")) }
    guard let tf = fdget(fd) else { return .failure(.EBADF, Reason("do_epoll_ctl", "fd \(fd) is not open")) }
    // The target file descriptor must support poll.
    guard fileCanPoll(tf) else {
      return .failure(.EPERM, Reason("do_epoll_ctl_file", "the file of fd \(fd) has no poll (file_can_poll)"))
    }
    guard let epfile = f as? EpollFile, f !== tf else {
      return .failure(
        .EINVAL,
        Reason("do_epoll_ctl_file", f === tf ? "an epoll file added to itself" : "epfd \(epfd) is not an epoll file"))
    }
    var event = event
    if op != .EPOLL_CTL_DEL, event.events.contains(.EPOLLEXCLUSIVE) {
      if op == .EPOLL_CTL_MOD {
        return .failure(.EINVAL, Reason("do_epoll_ctl_file", "EPOLLEXCLUSIVE with EPOLL_CTL_MOD"))
      }
      if tf is EpollFile || !event.events.subtracting(Self.epollExclusiveOK).isEmpty {
        return .failure(
          .EINVAL,
          Reason("do_epoll_ctl_file", "EPOLLEXCLUSIVE on an epoll file, or with events beyond EPOLLEXCLUSIVE_OK_BITS"))
      }
    }
    // ep_take_care_of_epollwakeup: no CAP_BLOCK_SUSPEND here, and the language never sets it.
    event.events.remove(.EPOLLWAKEUP)
    let ep = epfile.ep
    if op == .EPOLL_CTL_ADD, let tep = (tf as? EpollFile)?.ep, epLoopCheck(ep, tep) {
      return .failure(.ELOOP, Reason("ep_loop_check", "a loop of epoll instances, or nested deeper than EP_MAX_NESTS"))
    }
    let epi = ep.items[EpollKey(file: ObjectIdentifier(tf), fd: fd)]
    switch op {
    case .EPOLL_CTL_ADD:
      guard epi == nil else {
        return .failure(.EEXIST, Reason("do_epoll_ctl_file", "fd \(fd) is already watched with this file"))
      }
      epInsert(ep, EpollEvent(events: event.events.union([.EPOLLERR, .EPOLLHUP]), data: event.data), tf, fd: fd)
    case .EPOLL_CTL_DEL:
      guard let epi else { return .failure(.ENOENT, Reason("do_epoll_ctl_file", "fd \(fd) is not watched")) }
      epRemove(ep, epi)
    case .EPOLL_CTL_MOD:
      guard let epi else { return .failure(.ENOENT, Reason("do_epoll_ctl_file", "fd \(fd) is not watched")) }
      guard !epi.event.events.contains(.EPOLLEXCLUSIVE) else {
        return .failure(.EINVAL, Reason("do_epoll_ctl_file", "EPOLL_CTL_MOD of an EPOLLEXCLUSIVE item"))
      }
      event.events.formUnion([.EPOLLERR, .EPOLLHUP])
      epModify(ep, epi, event)
    }
    return .success()
  }

  /// `file_can_poll`: sockets and epoll files have a poll method; the ordinary files and
  /// directories `open` makes do not. (A pidfd has one in the kernel, but no script can
  /// name a pidfd yet, so the model has no pidfd poll to give.)
  func fileCanPoll(_ file: OpenFile) -> Bool { file is SocketFile || file is EpollFile }

  /// `ep_insert`: the item, linked into the instance and the file's list; then its file is
  /// polled with the item's queue procedure, which hooks it on the file's wait queues, and
  /// an item already ready goes on the ready list, waking the instance's waiters.
  func epInsert(_ ep: EventPoll, _ event: EpollEvent, _ file: OpenFile, fd: Int32) {
    let epi = EpItem(ep: ep, file: file, fd: fd, event: event)
    ep.items[epi.key] = epi
    file.attachEpitem(epi)
    let revents = epItemPoll(epi, EpollQueue(epi: epi), depth: 1)
    if !revents.isEmpty, !epi.isReady {
      ep.ready.append(epi)
      if ep.wq.count > 0 { wakeUp(ep.wq, nrExclusive: 1) }
      if ep.pollWait.count > 0 { epPollSafewake(ep) }
    }
  }

  /// `ep_modify`: the new events and data first, then a poll of the file: an item with
  /// events now goes on the ready list.
  func epModify(_ ep: EventPoll, _ epi: EpItem, _ event: EpollEvent) {
    epi.event = event
    guard !epItemPoll(epi, PollTable(), depth: 1).isEmpty, !epi.isReady else { return }
    ep.ready.append(epi)
    if ep.wq.count > 0 { wakeUp(ep.wq, nrExclusive: 1) }
    if ep.pollWait.count > 0 { epPollSafewake(ep) }
  }

  /// `ep_remove`: the item's entries come off the file's wait queues
  /// (`ep_unregister_pollwait`), and it leaves the file's list, the instance and the ready list.
  func epRemove(_ ep: EventPoll, _ epi: EpItem) {
    for wait in epi.waits { wait.queue?.remove(wait) }
    epi.waits.removeAll()
    epi.file.detachEpitem(epi)
    ep.items[epi.key] = nil
    ep.ready.remove(epi)
  }

  /// `ep_loop_check`: adding `to` to `ep` would make a loop (`ep` reachable from `to`), or
  /// the chain through them deeper than EP_MAX_NESTS (`to`'s depth below, `ep`'s above).
  func epLoopCheck(_ ep: EventPoll, _ to: EventPoll) -> Bool {
    var below: [ObjectIdentifier: Int] = [:]
    let depth = epLoopCheckProc(to, inserting: ep, depth: 0, memo: &below)
    if depth > Self.epMaxNests { return true }
    var above: [ObjectIdentifier: Int] = [:]
    return depth + 1 + epGetUpwardsDepthProc(ep, memo: &above) > Self.epMaxNests
  }

  /// `ep_loop_check_proc`: the depth of the epoll instances below `ep`, or more than
  /// EP_MAX_NESTS for a loop back to `inserting`; each instance visited once (`ep->gen`).
  private func epLoopCheckProc(
    _ ep: EventPoll, inserting: EventPoll, depth: Int, memo: inout [ObjectIdentifier: Int]
  ) -> Int {
    if let known = memo[ObjectIdentifier(ep)] { return known }
    memo[ObjectIdentifier(ep)] = 0
    var result = 0
    for epi in ep.items.values {
      guard let nested = (epi.file as? EpollFile)?.ep else { continue }
      if nested === inserting || depth > Self.epMaxNests {
        result = Self.epMaxNests + 1
      } else {
        result = max(result, epLoopCheckProc(nested, inserting: inserting, depth: depth + 1, memo: &memo) + 1)
      }
      if result > Self.epMaxNests { break }
    }
    memo[ObjectIdentifier(ep)] = result
    return result
  }

  /// `ep_get_upwards_depth_proc`: how many epoll instances sit above `ep`.
  private func epGetUpwardsDepthProc(_ ep: EventPoll, memo: inout [ObjectIdentifier: Int]) -> Int {
    if let known = memo[ObjectIdentifier(ep)] { return known }
    memo[ObjectIdentifier(ep)] = 0
    var result = 0
    for epi in ep.file?.epitems.values.map({ $0 }) ?? [] {
      result = max(result, epGetUpwardsDepthProc(epi.ep, memo: &memo) + 1)
    }
    memo[ObjectIdentifier(ep)] = result
    return result
  }
}
