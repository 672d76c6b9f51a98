import Foundation

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// One run of a child process, timed from spawn to reaping, with its peak resident memory
/// from `wait4`'s rusage: what a user waits for and what the run alone costs in memory,
/// apart from the bench's own.
struct SpawnedRun {
  let wall: Duration
  /// The child's peak resident set size in bytes (ru_maxrss).
  let peakResidentBytes: Int
  /// The exit status, or nil when a signal ended it.
  let exitStatus: Int32?

  /// Runs `path` with `arguments`, standard input from /dev/null and its output thrown
  /// away (its diagnostics too: the exit status says whether it went well).
  static func run(_ path: String, _ arguments: [String]) throws(Unmeasured) -> SpawnedRun {
    var actions = posix_spawn_file_actions_t()
    posix_spawn_file_actions_init(&actions)
    defer { posix_spawn_file_actions_destroy(&actions) }
    posix_spawn_file_actions_addopen(&actions, STDIN_FILENO, "/dev/null", O_RDONLY, 0)
    posix_spawn_file_actions_addopen(&actions, STDOUT_FILENO, "/dev/null", O_WRONLY, 0)
    posix_spawn_file_actions_addopen(&actions, STDERR_FILENO, "/dev/null", O_WRONLY, 0)
    let argv = ([path] + arguments).map { strdup($0) } + [nil]
    defer { for pointer in argv { free(pointer) } }
    var pid: pid_t = 0
    var status: Int32 = 0
    var usage = rusage()
    var spawnError: Int32 = 0
    let wall = Duration.timing {
      spawnError = posix_spawn(&pid, path, &actions, nil, argv, environ)
      guard spawnError == 0 else { return }
      while wait4(pid, &status, 0, &usage) < 0 && errno == EINTR {}
    }
    guard spawnError == 0 else {
      throw .failure("cannot start \(path): \(String(cString: strerror(spawnError)))")
    }
    // The wait status layout of <sys/wait.h>: low 7 bits the signal, next byte the exit code.
    let exitStatus: Int32? = status & 0x7F == 0 ? (status >> 8) & 0xFF : nil
    // Linux counts ru_maxrss in KiB.
    return SpawnedRun(wall: wall, peakResidentBytes: usage.ru_maxrss * 1024, exitStatus: exitStatus)
  }

  /// The run, or a failure naming the command when it did not exit 0.
  func checked(_ command: String) throws(Unmeasured) -> SpawnedRun {
    guard exitStatus == 0 else {
      throw .failure("'\(command)' " + (exitStatus.map { "exited \($0)" } ?? "was killed by a signal"))
    }
    return self
  }
}
