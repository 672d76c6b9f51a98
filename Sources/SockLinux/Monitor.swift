#if canImport(Glibc)
  import Glibc

  /// A mutex shared by the scenario's driver and its actor threads, with condition
  /// variables on CLOCK_MONOTONIC: one for the driver and one per actor thread, so that
  /// handing a thread its call wakes that thread alone (a shared condition would wake every
  /// idle thread for every call, which costs O(actors) per call).
  final class Monitor: @unchecked Sendable {
    fileprivate let mutex = UnsafeMutablePointer<pthread_mutex_t>.allocate(capacity: 1)

    init() { pthread_mutex_init(mutex, nil) }

    deinit {
      pthread_mutex_destroy(mutex)
      mutex.deallocate()
    }

    func locked<T>(_ body: () throws -> T) rethrows -> T {
      pthread_mutex_lock(mutex)
      defer { pthread_mutex_unlock(mutex) }
      return try body()
    }

    /// Takes the lock for good: for a thread about to call execve, which ends every other
    /// thread of the process (``unlock()`` only if the execve fails).
    func lock() { pthread_mutex_lock(mutex) }
    func unlock() { pthread_mutex_unlock(mutex) }

    /// A condition variable used with this monitor's mutex.
    final class Condition: @unchecked Sendable {
      private let monitor: Monitor
      private let condition = UnsafeMutablePointer<pthread_cond_t>.allocate(capacity: 1)

      init(_ monitor: Monitor) {
        self.monitor = monitor
        var attributes = pthread_condattr_t()
        pthread_condattr_init(&attributes)
        pthread_condattr_setclock(&attributes, CLOCK_MONOTONIC)
        pthread_cond_init(condition, &attributes)
        pthread_condattr_destroy(&attributes)
      }

      deinit {
        pthread_cond_destroy(condition)
        condition.deallocate()
      }

      /// Waits (the lock held) until signalled.
      func wait() { pthread_cond_wait(condition, monitor.mutex) }

      /// Waits (the lock held) until signalled or until the monotonic instant `deadline`.
      func wait(until deadline: Int64) {
        var ts = timespec(tv_sec: Int(deadline / 1_000_000_000), tv_nsec: Int(deadline % 1_000_000_000))
        pthread_cond_timedwait(condition, monitor.mutex, &ts)
      }

      func signal() { pthread_cond_signal(condition) }

      func broadcast() { pthread_cond_broadcast(condition) }
    }
  }
#endif
