#if canImport(Glibc)
  import Glibc
  import SyscallVocabulary

  /// A forked child of the run: a real process (sockscript as its host) with its own
  /// descriptor table, a copy of its parent's at the fork.
  final class LinuxProcess {
    /// The model's pid (2, 3, … in fork order).
    let pid: Int32
    let host: HostConnection
    /// The child's numbers: the parent's at the fork, then its own lowest free ones.
    var descriptors: DescriptorTable
    /// Its threads, the forking one's copy first.
    var tasks: [TaskID] = []
    /// True once the driver has reported its end.
    var ended = false
    /// True once a `wait4` reaped it: its real pid may name another process now.
    var reaped = false
    /// A killing signal was sent to it: the run waits for its end before the next call, as
    /// the model, where the signal ends the process before `kill` returns.
    var dying = false
    /// `ignore SIGPIPE` ran in it, or in its parent before the fork.
    var ignoresSIGPIPE = false
    /// `handle SIGURG` ran in it (with SA_RESTART: true), or in its parent before the fork;
    /// nil after an exec, which resets it.
    var sigurgHandler: Bool?

    init(pid: Int32, host: HostConnection, descriptors: DescriptorTable) {
      self.pid = pid
      self.host = host
      self.descriptors = descriptors
    }
  }

  /// A `fork`'s control channel while the call runs: the driver's end, and the child's,
  /// which the driver closes once the child has its copy.
  struct ForkChannel {
    let driver: Int32
    let child: Int32

    /// A connected pair far above the scenario's numbers, both closed at exec; the forking
    /// thread's child clears FD_CLOEXEC on its end only.
    static func open() -> ForkChannel? {
      var pair: [Int32] = [-1, -1]
      // SOCK_CLOEXEC is O_CLOEXEC.
      guard socketpair(Glibc.AF_UNIX, Int32(SOCK_STREAM.rawValue) | Glibc.O_CLOEXEC, 0, &pair) == 0 else { return nil }
      let high = pair.map { fcntl($0, F_DUPFD_CLOEXEC, ThreadProbe.highDescriptorBase) }
      for fd in pair { close(fd) }
      guard high.allSatisfy({ $0 >= 0 }) else {
        for fd in high where fd >= 0 { close(fd) }
        return nil
      }
      return ForkChannel(driver: high[0], child: high[1])
    }
  }
#endif
