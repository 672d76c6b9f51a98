import SyscallVocabulary

/// The control-message half of `net/unix/af_unix.c`: SCM_RIGHTS files attached to an skb
/// on the way in, detached on the way out.
extension Kernel {
  /// `too_many_unix_fds`: the sender's user already has more files in flight than its
  /// RLIMIT_NOFILE, and the sender has neither CAP_SYS_RESOURCE nor CAP_SYS_ADMIN (which
  /// go with euid 0 in the model).
  func tooManyUnixFds() -> Bool {
    let group = currentGroup
    guard UInt64(max(0, unixInflight[group.uid] ?? 0)) > group.nofile.cur else { return false }
    return group.uid != 0
  }

  /// `unix_attach_fds`: ETOOMANYREFS when the user has too many files in flight; otherwise
  /// the files move from the cookie to the skb.
  func unixAttachFds(_ scm: inout ScmCookie, _ skb: SkBuff) -> OutcomeError? {
    if tooManyUnixFds() {
      let group = currentGroup
      return OutcomeError(
        .ETOOMANYREFS,
        Reason(
          "too_many_unix_fds",
          "uid \(group.uid) has \(unixInflight[group.uid] ?? 0) files in flight > RLIMIT_NOFILE \(group.nofile.cur)"))
    }
    skb.fp = scm.fp
    scm.fp = nil
    return nil
  }

  /// `unix_scm_to_skb`: the skb gets the cookie's credentials, and its files when
  /// `sendFds` (a stream send attaches them to its first skb only).
  func unixScmToSkb(_ scm: inout ScmCookie, _ skb: SkBuff, sendFds: Bool) -> OutcomeError? {
    skb.creds = scm.creds
    guard scm.fp != nil, sendFds else { return nil }
    return unixAttachFds(&scm, skb)
  }

  /// `unix_maybe_add_creds`: an skb without credentials of its own gets the sender's (its
  /// process and real ids) when either end asks for them (`unix_may_passcred`) or the
  /// receiver has no socket yet (an embryo, whose eventual owner may ask later).
  func unixMaybeAddCreds(_ skb: SkBuff, _ sk: Sock, _ other: Sock) {
    guard skb.creds.pid == nil else { return }
    guard unixMayPasscred(sk) || unixMayPasscred(other) || other.file == nil else { return }
    let group = currentGroup
    skb.creds = UnixCreds(pid: group.pid, uid: group.uid, gid: group.gid)
  }

  /// `unix_skb_to_scm`: the skb's credentials, for the receive to hand out.
  func unixSkbToScm(_ skb: SkBuff, _ scm: inout ScmCookie) { scm.creds = skb.creds }

  /// `unix_skb_scm_eq`: the skb has the credentials a stream read started with.
  func unixSkbScmEq(_ skb: SkBuff, _ scm: ScmCookie) -> Bool { skb.creds == scm.creds }

  /// `unix_detach_fds`: the skb's files move to the cookie, no longer in flight.
  func unixDetachFds(_ scm: inout ScmCookie, _ skb: SkBuff) {
    scm.fp = skb.fp
    skb.fp = nil
    if let fpl = scm.fp { unixDestroyFpl(fpl) }
  }

  /// `unix_peek_fds`: the cookie gets copies of the skb's files, which keeps its own.
  func unixPeekFds(_ scm: inout ScmCookie, _ skb: SkBuff) {
    guard let fpl = skb.fp else { return }
    scm.fp = scmFpDup(fpl)
  }

  /// `unix_destruct_scm`, the destructor of an skb freed with its files still attached (a
  /// queue purged on close, a send that failed after attaching them): the files go.
  func unixDestructScm(_ skb: SkBuff) {
    guard skb.fp != nil else { return }
    var scm = ScmCookie()
    unixDetachFds(&scm, skb)
    scmDestroy(&scm)
  }

  /// `scm_stat_add`: an skb with files is queued on `sk`.
  func scmStatAdd(_ sk: Sock, _ skb: SkBuff) {
    guard let fpl = skb.fp, fpl.count > 0 else { return }
    unixAddEdges(fpl, sk)
  }

  /// `scm_stat_del`: an skb with files is taken off `sk`'s queue by a reader.
  func scmStatDel(_ sk: Sock, _ skb: SkBuff) {
    guard let fpl = skb.fp, fpl.count > 0 else { return }
    unixDelEdges(fpl)
  }
}
