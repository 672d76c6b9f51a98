import SyscallVocabulary

/// `net/core/scm.c`: control messages between a `sendmsg` and the socket layer, and back
/// out to a `recvmsg`.
extension Kernel {
  /// `scm_send` → `__scm_send` → `scm_fp_copy`: the one SCM_RIGHTS message of `rights`,
  /// each descriptor's file taken with a reference; EINVAL beyond SCM_MAX_FD, EBADF for a
  /// descriptor that is not open (the references taken so far are dropped: `scm_destroy`).
  func scmSend(_ rights: [Int32]) -> Result<ScmCookie, OutcomeError> {
    guard !rights.isEmpty else { return .success(ScmCookie()) }
    if rights.count > ControlMessage.maxDescriptors {
      return .failure(
        OutcomeError(
          .EINVAL, Reason("scm_fp_copy", "\(rights.count) descriptors > SCM_MAX_FD \(ControlMessage.maxDescriptors)")))
    }
    var files: [OpenFile] = []
    files.reserveCapacity(rights.count)
    for fd in rights {
      // fget_raw
      guard fd >= 0, let file = fdget(fd) else {
        for taken in files { fput(taken) }
        return .failure(OutcomeError(.EBADF, Reason("scm_fp_copy", "descriptor \(fd) is not open")))
      }
      getFile(file)
      files.append(file)
    }
    return .success(ScmCookie(fp: ScmFpList(fp: files, user: currentGroup.uid)))
  }

  /// The `scm_destroy` every way out of a protocol's `sendmsg` makes: a step that returns
  /// (rather than sleeps) drops what the cookie still holds.
  func scmDestroyed(_ step: SyscallStep, _ frame: inout CallFrame) -> SyscallStep {
    if case .sleep = step { return step }
    scmDestroy(&frame.scm)
    return step
  }

  /// `scm_destroy` → `__scm_destroy`: the list's references go (`fput` each file).
  func scmDestroy(_ scm: inout ScmCookie) {
    guard let fpl = scm.fp else { return }
    scm.fp = nil
    let files = fpl.fp
    fpl.fp = []
    for file in files { fput(file) }
  }

  /// `scm_fp_dup`: a second list of the same files, each with one more reference (a peek
  /// hands out copies and leaves the message its own).
  func scmFpDup(_ fpl: ScmFpList) -> ScmFpList {
    for file in fpl.fp { getFile(file) }
    return ScmFpList(fp: fpl.fp, user: fpl.user)
  }

  /// `scm_recv_unix` → `__scm_recv_common`: with no control buffer, MSG_CTRUNC if there
  /// was anything to deliver, and the files are dropped; otherwise SCM_RIGHTS goes out.
  func scmRecvUnix(_ sk: Sock, _ msg: inout RecvMsgHeader, _ scm: inout ScmCookie) {
    guard msg.hasControl else {
      if scm.fp != nil { msg.flags.insert(.MSG_CTRUNC) }
      scmDestroy(&scm)
      return
    }
    if scm.fp != nil { scmDetachFds(&msg, &scm) }
  }

  /// `scm_detach_fds`: as many descriptors as the control buffer holds (`scm_max_fds`),
  /// each the lowest free (`receive_fd`, FD_CLOEXEC with MSG_CMSG_CLOEXEC), until one
  /// cannot be had (EMFILE); MSG_CTRUNC when some did not get one. The list's references
  /// then go, which closes the files that got no descriptor.
  func scmDetachFds(_ msg: inout RecvMsgHeader, _ scm: inout ScmCookie) {
    guard let fpl = scm.fp else { return }
    let maxFds = msg.controlLength > ControlMessage.headerSize ? (msg.controlLength - ControlMessage.headerSize) / 4 : 0
    let fdmax = min(maxFds, fpl.count)
    let cloexec = msg.flags.contains(.MSG_CMSG_CLOEXEC)
    var i = 0
    while i < fdmax {
      guard let fd = receiveFd(fpl.fp[i], cloexec: cloexec) else { break }
      msg.rights.append(fd)
      msg.rightsInodes.append((fpl.fp[i] as? SocketFile)?.sock.inode)
      i += 1
    }
    if i > 0 {
      msg.controlLength -= min(ControlMessage.space(4 * i), msg.controlLength)
    }
    if i < fpl.count || (fpl.count > 0 && fdmax <= 0) { msg.flags.insert(.MSG_CTRUNC) }
    scmDestroy(&scm)
  }
}
