/// `net/unix/garbage.c`: the in-flight accounting of the files SCM_RIGHTS messages carry.
/// The collector itself (`unix_gc`) is not modelled: a socket that is only reachable from
/// its own queue stays, where the kernel's collector would reclaim it.
extension Kernel {
  /// `unix_add_edges`: the message is queued on `receiver`: its files count against the
  /// sender's `user->unix_inflight`, its sockets against `unix_tot_inflight`.
  func unixAddEdges(_ fpl: ScmFpList, _ receiver: Sock) {
    unixInflight[fpl.user, default: 0] += fpl.count
    unixTotInflight += fpl.countUnix
    fpl.inflight = true
  }

  /// `unix_del_edges`: the message left the queue (received, or freed with it).
  func unixDelEdges(_ fpl: ScmFpList) {
    unixInflight[fpl.user, default: 0] -= fpl.count
    unixTotInflight -= fpl.countUnix
    fpl.inflight = false
  }

  /// `unix_destroy_fpl`: a list still counted as queued stops being counted.
  func unixDestroyFpl(_ fpl: ScmFpList) {
    if fpl.inflight { unixDelEdges(fpl) }
  }
}
