import SyscallVocabulary

/// `net/core/scm.c`: control messages between a `sendmsg` and the socket layer, and back
/// out to a `recvmsg`.
extension Kernel {
  /// `scm_send` → `__scm_send`: walks the control buffer (`for_each_cmsghdr`) as the kernel
  /// reads it: a header that does not fit, or a `cmsg_len` shorter than a header or longer
  /// than what is left, is EINVAL (`CMSG_OK`); another level than SOL_SOCKET is skipped;
  /// SCM_RIGHTS takes the files (`scm_fp_copy`), SCM_CREDENTIALS (exactly `CMSG_LEN(12)`
  /// long) checks and sets the credentials, any other type is EINVAL. On an error what was
  /// taken goes again (`scm_destroy`).
  func scmSend(_ control: [UInt8]) -> Result<ScmCookie, OutcomeError> {
    // if (msg->msg_controllen <= 0) return 0;
    guard !control.isEmpty else { return .success(ScmCookie()) }
    var scm = ScmCookie()
    // CMSG_FIRSTHDR: none in a buffer shorter than a header.
    var offset = 0
    while offset + ControlMessage.headerSize <= control.count {
      let length = ControlMessage.length(in: control, at: offset)
      guard length >= ControlMessage.headerSize, length <= control.count - offset else {
        scmDestroy(&scm)
        return .failure(
          OutcomeError(.EINVAL, Reason("__scm_send", "cmsg_len \(length) at offset \(offset) fails CMSG_OK")))
      }
      let level = ControlMessage.int32(in: control, at: offset + 8)
      let type = ControlMessage.int32(in: control, at: offset + 12)
      if level == ControlMessage.SOL_SOCKET {
        let data = offset + ControlMessage.headerSize
        let error: OutcomeError?
        switch type {
        case ControlMessage.SCM_RIGHTS:
          let fds = stride(from: data, through: offset + length - 4, by: 4).map {
            ControlMessage.int32(in: control, at: $0)
          }
          error = scmFpCopy(fds, into: &scm)
        case ControlMessage.SCM_CREDENTIALS where length == ControlMessage.length(ControlMessage.ucredSize):
          let creds = PeerCred(
            pid: ControlMessage.int32(in: control, at: data),
            uid: UInt32(bitPattern: ControlMessage.int32(in: control, at: data + 4)),
            gid: UInt32(bitPattern: ControlMessage.int32(in: control, at: data + 8)))
          error = scmSetCreds(creds, into: &scm)
        case ControlMessage.SCM_CREDENTIALS:
          error = OutcomeError(.EINVAL, Reason("__scm_send", "SCM_CREDENTIALS with cmsg_len \(length), not 28"))
        default:
          error = OutcomeError(.EINVAL, Reason("__scm_send", "cmsg_type \(type) is not SCM_RIGHTS or SCM_CREDENTIALS"))
        }
        if let error {
          scmDestroy(&scm)
          return .failure(error)
        }
      }
      // CMSG_NXTHDR
      offset += ControlMessage.align(length)
    }
    return .success(scm)
  }

  /// The SCM_CREDENTIALS case of `__scm_send`: `scm_check_creds`, then the pid looked up.
  private func scmSetCreds(_ creds: PeerCred, into scm: inout ScmCookie) -> OutcomeError? {
    if let error = scmCheckCreds(creds) { return error }
    guard processExists(creds.pid) else {
      return OutcomeError(.ESRCH, Reason("__scm_send", "no process has pid \(creds.pid)"))
    }
    scm.creds = UnixCreds(pid: creds.pid, uid: creds.uid, gid: creds.gid)
    return nil
  }

  /// `scm_check_creds`: valid ids (not -1), and a pid, uid and gid the sender may claim: its
  /// own, or any with CAP_SYS_ADMIN, CAP_SETUID, CAP_SETGID (root's, in the model).
  func scmCheckCreds(_ creds: PeerCred) -> OutcomeError? {
    if creds.uid == UInt32.max || creds.gid == UInt32.max {
      return OutcomeError(.EINVAL, Reason("scm_check_creds", "uid or gid -1 is not a valid id"))
    }
    let group = currentGroup
    let root = group.uid == 0
    guard (creds.pid == group.pid || root) && (creds.uid == group.uid || root) && (creds.gid == group.gid || root)
    else {
      return OutcomeError(
        .EPERM,
        Reason(
          "scm_check_creds",
          "pid \(group.pid) uid \(group.uid) gid \(group.gid) may not claim \(creds) without CAP_SYS_ADMIN/CAP_SETUID/CAP_SETGID"
        ))
    }
    return nil
  }

  /// `find_get_pid`: a process that has not been reaped (a zombie still has its pid).
  func processExists(_ pid: Int32) -> Bool {
    guard pid >= 1, Int(pid) <= processes.count else { return false }
    let group = processes[Int(pid) - 1]
    guard group.exitState != nil, let parent = group.parent else { return true }
    return parent.children[pid] === group
  }

  /// `scm_fp_copy`: the files of an SCM_RIGHTS message's descriptors, each with a
  /// reference, added to the cookie's list (a second SCM_RIGHTS message adds to it); none
  /// for a message with no whole descriptor; EINVAL past SCM_MAX_FD in all, EBADF for a
  /// descriptor that is not open.
  func scmFpCopy(_ fds: [Int32], into scm: inout ScmCookie) -> OutcomeError? {
    guard !fds.isEmpty else { return nil }
    let fpl = scm.fp ?? ScmFpList(fp: [], user: currentGroup.uid)
    scm.fp = fpl
    if fpl.count + fds.count > ControlMessage.maxDescriptors {
      return OutcomeError(
        .EINVAL,
        Reason("scm_fp_copy", "\(fpl.count + fds.count) descriptors > SCM_MAX_FD \(ControlMessage.maxDescriptors)"))
    }
    for fd in fds {
      // fget_raw
      guard fd >= 0, let file = fdget(fd) else {
        return OutcomeError(.EBADF, Reason("scm_fp_copy", "descriptor \(fd) is not open"))
      }
      getFile(file)
      fpl.append(file)
    }
    return nil
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
  /// was anything to deliver (files, or a switch that asks for credentials, a security
  /// label or a pidfd), and the files are dropped; otherwise SCM_CREDENTIALS (SO_PASSCRED),
  /// then SCM_RIGHTS, then SCM_PIDFD (SO_PASSPIDFD: a new pidfd of the sender's process).
  /// SO_PASSSEC delivers nothing: this kernel has no labelling LSM.
  func scmRecvUnix(_ sk: Sock, _ msg: inout RecvMsgHeader, _ scm: inout ScmCookie) {
    let flags = sk.scmRecvFlags
    guard msg.hasControl else {
      if flags.credentials || flags.pidfd || scm.fp != nil || flags.security { msg.flags.insert(.MSG_CTRUNC) }
      scmDestroy(&scm)
      return
    }
    if flags.credentials {
      if putCmsg(&msg, length: ControlMessage.ucredSize) { msg.credentials = scm.creds.ucred }
    }
    if scm.fp != nil { scmDetachFds(&msg, &scm) }
    if flags.pidfd {
      // scm_pidfd_recv
      if msg.controlLength < ControlMessage.length(4) {
        msg.flags.insert(.MSG_CTRUNC)
      } else if let pid = scm.creds.pid {
        // pidfd_prepare's error, negative, is what the message carries when it fails.
        let pidfd = pidfdPrepare(pid) ?? -Errno.EMFILE.rawValue
        _ = putCmsg(&msg, length: 4)
        msg.pidfd = pidfd
      }
    }
  }

  /// `put_cmsg`: a control message of `length` bytes of data into what is left of the
  /// buffer; cut (MSG_CTRUNC) where it does not fit, nothing at all below a header. True
  /// when it went in whole.
  func putCmsg(_ msg: inout RecvMsgHeader, length: Int) -> Bool {
    guard msg.controlLength >= ControlMessage.headerSize else {
      msg.flags.insert(.MSG_CTRUNC)
      return false
    }
    let whole = msg.controlLength >= ControlMessage.length(length)
    if !whole { msg.flags.insert(.MSG_CTRUNC) }
    msg.controlLength -= min(ControlMessage.space(length), msg.controlLength)
    return whole
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
