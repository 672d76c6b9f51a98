/// A count of timer ticks, as the kernel's `jiffies` and `long timeo` values are.
public typealias Jiffies = Int64

/// `MAX_SCHEDULE_TIMEOUT` (`LONG_MAX`): "sleep until woken", the default socket timeout.
public let MAX_SCHEDULE_TIMEOUT: Jiffies = .max

/// Nanoseconds of virtual time since the model booted.
public typealias Nanoseconds = Int64

/// `USEC_PER_SEC`.
public let USEC_PER_SEC: Int64 = 1_000_000
