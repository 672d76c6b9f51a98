#if canImport(Glibc)
  import Glibc

  /// Reads whether a thread sleeps inside a given system call, from
  /// `/proc/self/task/TID/syscall`: the kernel prints the call's number there while the
  /// thread is not running, and `running` while it runs. This tells a thread asleep in
  /// `connect` from one waiting for its next job (which sleeps in `futex`). Each file is
  /// opened once per thread and read with `pread` at every probe.
  enum ThreadProbe {
    /// Opens one of a thread's /proc files on a descriptor far above the script's. Opening
    /// `syscall` at every probe took the lowest free descriptor, which is the one a script
    /// has just closed: a `poll` of that number in another thread then saw the /proc file
    /// instead of POLLNVAL (seen in CI), and a `socket` racing the probe got the next number.
    static func openOwnFile(_ path: String) -> Int32 {
      let fd = open(path, O_RDONLY | O_CLOEXEC)
      guard fd >= 0 else { return -1 }
      defer { close(fd) }
      return fcntl(fd, F_DUPFD_CLOEXEC, highDescriptorBase)
    }

    /// Half the descriptor limit: scripts number their sockets up from 3.
    static let highDescriptorBase: Int32 = {
      var limit = rlimit()
      getrlimit(__rlimit_resource_t(RLIMIT_NOFILE.rawValue), &limit)
      return Int32(clamping: max(64, limit.rlim_cur / 2))
    }()

    /// Whether the thread whose `syscall` file is `file` sleeps in call `number`, its `stat`
    /// file read after it agreeing that it sleeps.
    ///
    /// The `syscall` file alone can show the call's number for a thread that has just been
    /// woken: `try_to_wake_up` sets `TASK_WAKING` and, when the thread's CPU is idle, leaves
    /// the enqueueing to that CPU (`ttwu_queue_wakelist`). Until that CPU takes it, the
    /// thread is neither running nor queued, so `wait_task_inactive` lets its registers be
    /// read. On a virtual machine the idle CPU can take long to answer, and CI saw a `recv`
    /// start before the writer that a `setsockopt(SO_SNDBUF)` had woken went on. `stat`
    /// reports `TASK_WAKING` as `R`: read after the number, an `S` or `D` there means the
    /// thread was asleep (again) at the read.
    static func isSleeping(syscallFile file: Int32, inSyscall number: Int, statFile: Int32) -> Bool {
      guard firstField(of: file).flatMap({ Int($0) }) == number else { return false }
      guard let state = state(statFile: statFile) else { return false }
      return isSleepingState(state)
    }

    /// Whether a state letter of `/proc/…/stat` is a sleep: `S` (interruptible) or `D`.
    static func isSleepingState(_ state: UInt8) -> Bool {
      state == UInt8(ascii: "S") || state == UInt8(ascii: "D")
    }

    /// The state letter of the thread whose `stat` file is `file`, read afresh.
    static func state(statFile file: Int32) -> UInt8? {
      guard file >= 0 else { return nil }
      var buffer = [UInt8](repeating: 0, count: 64)
      let n = pread(file, &buffer, buffer.count, 0)
      guard n > 0 else { return nil }
      return state(ofStatLine: buffer[0..<n])
    }

    /// The state in a `stat` line, `PID (COMM) STATE …`: the letter after the last `)`,
    /// since the command name may hold spaces and parentheses. A name is at most 15 bytes,
    /// so the first 64 bytes hold the letter.
    static func state(ofStatLine line: ArraySlice<UInt8>) -> UInt8? {
      guard let close = line.lastIndex(of: UInt8(ascii: ")")) else { return nil }
      let letter = close + 2
      guard letter < line.endIndex, line[close + 1] == UInt8(ascii: " ") else { return nil }
      return line[letter]
    }

    /// The thread's time on a CPU so far, in nanoseconds: the first of the three numbers of
    /// its `schedstat` file. Two probes can both find a thread asleep in its call while it
    /// ran in between — a large transfer through small buffers wakes its two ends in turn
    /// tens of thousands of times — and this number moving tells that from a stall.
    static func runTime(schedstatFile file: Int32) -> UInt64? {
      firstField(of: file).flatMap { UInt64($0) }
    }

    /// The first word of the /proc file open on `file`, read afresh: both files start with
    /// the number wanted, ended by a space or the newline.
    private static func firstField(of file: Int32) -> String? {
      guard file >= 0 else { return nil }
      var buffer = [UInt8](repeating: 0, count: 64)
      let n = pread(file, &buffer, buffer.count, 0)
      guard n > 0 else { return nil }
      return String(
        decoding: buffer[0..<n].prefix { $0 != UInt8(ascii: " ") && $0 != UInt8(ascii: "\n") }, as: UTF8.self)
    }
  }
#endif
