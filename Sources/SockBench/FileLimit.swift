#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// The descriptor limit (`ulimit -n`), which bounds how many real sockets the kernel side
/// can hold open at once.
enum FileLimit {
  /// Raises the soft limit to the hard one, and returns the limit now in force.
  static func raiseToHard() -> Int {
    var limit = rlimit()
    guard getrlimit(RLIMIT_NOFILE_NUMBER, &limit) == 0 else { return 1024 }
    if limit.rlim_cur < limit.rlim_max {
      var raised = limit
      raised.rlim_cur = limit.rlim_max
      if setrlimit(RLIMIT_NOFILE_NUMBER, &raised) == 0 { limit = raised }
    }
    return Int(clamping: limit.rlim_cur)
  }

  /// How many sockets a scenario may open: what is wanted, within the limit less a margin
  /// for the descriptors the process already holds.
  static func sockets(wanted: Int, limit: Int) -> Int {
    let room = max(limit - 256, 0)
    guard wanted > room else { return wanted }
    // Whole thousands read better in the table; a small limit gets what room there is.
    return room >= 1000 ? room / 1000 * 1000 : room
  }

  #if canImport(Glibc)
    private static let RLIMIT_NOFILE_NUMBER = __rlimit_resource_t(RLIMIT_NOFILE.rawValue)
  #else
    private static let RLIMIT_NOFILE_NUMBER = RLIMIT_NOFILE
  #endif
}
