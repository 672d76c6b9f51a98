import SyscallVocabulary

/// `struct scm_fp_list` (`include/net/scm.h`): the files of one SCM_RIGHTS message, each
/// with a reference the list holds, from `sendmsg` until they are received or freed.
final class ScmFpList {
  /// `fp[0..<count]`.
  var fp: [OpenFile]
  /// `count_unix`: how many of them are AF_UNIX sockets (what the collector counts).
  private(set) var countUnix: Int
  /// `user`: the sender's uid, whose `unix_inflight` pays for the files while they are queued.
  let user: UInt32
  /// `inflight`: queued on a receiver, so counted in `user`'s `unix_inflight` (`unix_add_edges`).
  var inflight = false
  /// `edges[].successor`: the socket whose queue holds the message, while it is in flight.
  var receiver: Sock?

  init(fp: [OpenFile], user: UInt32) {
    self.fp = fp
    self.countUnix = fp.reduce(0) { $0 + ($1 is SocketFile ? 1 : 0) }
    self.user = user
  }

  /// `count`.
  var count: Int { fp.count }

  /// One more file (`*fpp++ = file; fpl->count++`).
  func append(_ file: OpenFile) {
    fp.append(file)
    if file is SocketFile { countUnix += 1 }
  }
}

/// `struct scm_cookie`: what `scm_send` parsed from a message's control buffer, and what a
/// receive collects to hand out (`scm_recv_unix`).
struct ScmCookie {
  /// `fp`.
  var fp: ScmFpList?
  /// `pid` and `creds.uid`, `creds.gid`: given by SCM_CREDENTIALS, or taken from an skb.
  var creds = UnixCreds.none
}

/// The credentials a message carries (`UNIXCB(skb).pid/uid/gid`, `scm->pid`, `scm->creds`):
/// a process (by its model pid, nil for none: `struct pid *` NULL) and ids (INVALID_UID
/// and INVALID_GID, `UInt32.max`, for none).
struct UnixCreds: Equatable {
  var pid: Int32?
  var uid: UInt32
  var gid: UInt32

  static let none = UnixCreds(pid: nil, uid: UInt32.max, gid: UInt32.max)

  /// The `struct ucred` a receiver reads: `pid_vnr` (0 for none), and the ids as
  /// `from_kuid_munged` gives them (an invalid id is the overflow id, 65534).
  var ucred: PeerCred {
    PeerCred(
      pid: pid ?? 0, uid: uid == UInt32.max ? Self.overflowId : uid, gid: gid == UInt32.max ? Self.overflowId : gid)
  }

  /// `overflowuid` and `overflowgid`.
  static let overflowId: UInt32 = 65534
}

/// The `struct msghdr` of a `recvmsg` as the kernel fills it in: `msg_flags`, what is left
/// of the control buffer, and (the model's record of `cmsg_data`) the descriptors installed.
struct RecvMsgHeader {
  /// `msg_flags`: starts as the caller's MSG_CMSG_CLOEXEC (`____sys_recvmsg`).
  var flags: MessageFlags
  /// `msg_controllen`: what is left of the control buffer; 0 with `msg_control` NULL.
  var controlLength: Int
  /// The caller's `msg_controllen`, to write back how much was used.
  let controlGiven: Int
  /// The credentials an SCM_CREDENTIALS message delivered whole.
  var credentials: PeerCred?
  /// The descriptor (or negative errno) an SCM_PIDFD message delivered.
  var pidfd: Int32?
  /// The count an SCM_INQ message delivered.
  var inq: Int32?
  /// The descriptors `scm_detach_fds` installed, in `cmsg_data` order.
  var rights: [Int32] = []
  var rightsInodes: [Int?] = []

  init(controlLength: Int, flags: MessageFlags) {
    self.controlLength = controlLength
    self.controlGiven = controlLength
    self.flags = flags.intersection(.MSG_CMSG_CLOEXEC)
  }

  /// `msg_control` is not NULL.
  var hasControl: Bool { controlGiven > 0 }

  /// What `____sys_recvmsg` copies back to the caller.
  var written: ReceivedMessage {
    ReceivedMessage(
      flags: flags, controlLength: controlGiven - controlLength, credentials: credentials, rights: rights,
      rightsInodes: rightsInodes, pidfd: pidfd, inq: inq)
  }
}
