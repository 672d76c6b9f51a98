import SyscallVocabulary

#if canImport(Glibc)
  import Glibc
  import ScenarioLang

  /// What an actor thread reads around each call, for ``MeasuredTiming``: when it entered
  /// the call, the coarse clock that shows where the kernel's `jiffies` stands, and the time
  /// it spent waiting for a CPU.
  struct CallClock {
    /// The thread's `/proc/thread-self/schedstat`, open for the thread's life (-1 when the
    /// kernel has no CONFIG_SCHED_INFO: no run delay is then subtracted).
    private let schedstat: Int32

    /// Opens the calling thread's files, above the script's descriptors as ``ThreadProbe``'s.
    static func forCallingThread() -> CallClock {
      CallClock(schedstat: ThreadProbe.openOwnFile("/proc/thread-self/schedstat"))
    }

    func close() { if schedstat >= 0 { Glibc.close(schedstat) } }

    /// The second field of `schedstat`: nanoseconds spent runnable on a run queue, not running.
    func runDelay() -> Int64 {
      guard schedstat >= 0 else { return 0 }
      var buffer = [UInt8](repeating: 0, count: 96)
      let n = pread(schedstat, &buffer, buffer.count, 0)
      guard n > 0 else { return 0 }
      let fields = buffer[0..<n].split(separator: UInt8(ascii: " "))
      guard fields.count >= 2 else { return 0 }
      return Int64(String(decoding: fields[1], as: UTF8.self)) ?? 0
    }

    /// CLOCK_MONOTONIC_COARSE in nanoseconds: the time of the last tick update, which also
    /// moved `jiffies` (``KernelJiffies``).
    static func coarseNow() -> Int64 {
      var ts = timespec()
      clock_gettime(CLOCK_MONOTONIC_COARSE, &ts)
      return Int64(ts.tv_sec) * 1_000_000_000 + Int64(ts.tv_nsec)
    }

    /// Before a call that may arm a timeout in jiffies: if a tick was due less than `margin`
    /// ago, waits until `margin` after it. Until the CPU that runs the tick has moved
    /// `jiffies`, it still counts the jiffy before, and an update just before the tick may
    /// have left the coarse clock saying otherwise (``KernelJiffies/jiffyStart(entered:coarse:jiffy:)``).
    static func waitPastTick(jiffy: Int64, margin: Int64) {
      let now = GNU.monotonicNow()
      let tick = KernelJiffies.lastTick(atOrBefore: now, jiffy: jiffy)
      guard now - tick < margin else { return }
      let until = tick + margin
      var deadline = timespec(tv_sec: Int(until / 1_000_000_000), tv_nsec: Int(until % 1_000_000_000))
      while clock_nanosleep(CLOCK_MONOTONIC, TIMER_ABSTIME, &deadline, nil) == EINTR {}
    }
  }
#endif
