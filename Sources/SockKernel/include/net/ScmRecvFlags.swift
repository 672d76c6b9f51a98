/// `sk_scm_recv_flags` (`include/net/sock.h`, 6.16 and later): the SOL_SOCKET switches of a
/// receiving socket, set by `setsockopt` and copied from a listener to the sockets its
/// connections make (at `connect`, not at `accept`).
struct ScmRecvFlags: Equatable {
  /// `sk_scm_credentials` (SO_PASSCRED).
  var credentials = false
  /// `sk_scm_security` (SO_PASSSEC).
  var security = false
  /// `sk_scm_pidfd` (SO_PASSPIDFD).
  var pidfd = false
  /// `sk_scm_rights` (SO_PASSRIGHTS): set from the start; cleared, a sender's SCM_RIGHTS is EPERM.
  var rights = true
}
