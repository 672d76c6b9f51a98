import Foundation

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// How a child process ended, and what it wrote.
struct ChildResult: Sendable {
  enum Ending: Sendable, Equatable {
    case exited(Int32)
    case signaled(Int32)
    /// Killed by the runner when its time limit ran out.
    case timedOut
  }

  let ending: Ending
  let stdout: [UInt8]
  let stderr: [UInt8]
}

/// Runs a program with posix_spawn, capturing its standard output and error, and kills it
/// when it outlives its time limit: a test that crashes or hangs is reported, not shared.
public enum ChildProcess {
  /// This very executable, so that `sockscript test` runs the same build's `run`.
  public static var selfPath: String {
    #if os(Linux)
      return "/proc/self/exe"
    #else
      return CommandLine.arguments[0]
    #endif
  }

  /// Serializes creating pipes and spawning, since pipe2(O_CLOEXEC) is not visible from
  /// Swift's Glibc module.
  private static let spawnLock = NSLock()

  /// Runs `path` with `arguments` (argv[1...]); standard input is /dev/null. Throws the
  /// errno when the child cannot be started.
  static func run(_ path: String, _ arguments: [String], timeout: Duration) throws(ChildError) -> ChildResult {
    var outPipe: [Int32] = [-1, -1]
    var errPipe: [Int32] = [-1, -1]
    var pid: pid_t = 0
    let spawned: Int32 = spawnLock.withLock {
      guard pipe(&outPipe) == 0 else { return errno }
      guard pipe(&errPipe) == 0 else {
        let saved = errno
        close(outPipe[0])
        close(outPipe[1])
        return saved
      }
      // Close-on-exec, set before any other worker can spawn (they wait for this lock): a
      // child started meanwhile must not hold these pipes open, or this child's end of
      // file would wait for that other child.
      for fd in outPipe + errPipe { _ = fcntl(fd, F_SETFD, FD_CLOEXEC) }
      var actions = posix_spawn_file_actions_t()
      posix_spawn_file_actions_init(&actions)
      defer { posix_spawn_file_actions_destroy(&actions) }
      posix_spawn_file_actions_addopen(&actions, STDIN_FILENO, "/dev/null", O_RDONLY, 0)
      posix_spawn_file_actions_adddup2(&actions, outPipe[1], STDOUT_FILENO)
      posix_spawn_file_actions_adddup2(&actions, errPipe[1], STDERR_FILENO)
      let argv = ([path] + arguments).map { strdup($0) } + [nil]
      defer { for pointer in argv { free(pointer) } }
      let result = posix_spawn(&pid, path, &actions, nil, argv, environ)
      close(outPipe[1])
      close(errPipe[1])
      if result != 0 {
        close(outPipe[0])
        close(errPipe[0])
      }
      return result
    }
    guard spawned == 0 else { throw ChildError(errno: spawned) }
    let deadline = ContinuousClock.now + timeout
    let (stdout, stderr, drained) = drain(outPipe[0], errPipe[0], until: deadline)
    close(outPipe[0])
    close(errPipe[0])
    guard drained, let status = reap(pid, until: deadline) else {
      kill(pid, SIGKILL)
      _ = reap(pid, until: nil)
      return ChildResult(ending: .timedOut, stdout: stdout, stderr: stderr)
    }
    // The wait status layout of <sys/wait.h>: low 7 bits the signal, next byte the exit code.
    let ending: ChildResult.Ending = status & 0x7F == 0 ? .exited((status >> 8) & 0xFF) : .signaled(status & 0x7F)
    return ChildResult(ending: ending, stdout: stdout, stderr: stderr)
  }

  /// Reads both pipes to their end; `drained` is false when the deadline came first.
  private static func drain(_ out: Int32, _ err: Int32, until deadline: ContinuousClock.Instant)
    -> (stdout: [UInt8], stderr: [UInt8], drained: Bool)
  {
    var fds = [pollfd(fd: out, events: Int16(POLLIN), revents: 0), pollfd(fd: err, events: Int16(POLLIN), revents: 0)]
    var collected: [[UInt8]] = [[], []]
    var buffer = [UInt8](repeating: 0, count: 65536)
    while fds.contains(where: { $0.fd >= 0 }) {
      let left = milliseconds(until: deadline)
      guard left > 0 else { return (collected[0], collected[1], false) }
      let ready = poll(&fds, nfds_t(fds.count), Int32(min(left, 1000)))
      if ready < 0 && errno != EINTR { return (collected[0], collected[1], false) }
      for index in fds.indices where fds[index].fd >= 0 && fds[index].revents != 0 {
        let n = buffer.withUnsafeMutableBytes { read(fds[index].fd, $0.baseAddress, $0.count) }
        if n > 0 {
          collected[index] += buffer[0..<n]
        } else if n == 0 || errno != EINTR {
          fds[index].fd = -1  // poll ignores negative descriptors
        }
      }
    }
    return (collected[0], collected[1], true)
  }

  /// The wait status of `pid`, or nil when the deadline passes first (nil deadline: wait).
  private static func reap(_ pid: pid_t, until deadline: ContinuousClock.Instant?) -> Int32? {
    var status: Int32 = 0
    while true {
      let result = waitpid(pid, &status, deadline == nil ? 0 : WNOHANG)
      if result == pid { return status }
      if result < 0 && errno != EINTR { return nil }
      if let deadline {
        // It closed its output but has not exited yet: poll briefly.
        if milliseconds(until: deadline) <= 0 { return nil }
        usleep(1000)
      }
    }
  }

  private static func milliseconds(until deadline: ContinuousClock.Instant) -> Int64 {
    let left = ContinuousClock.now.duration(to: deadline).components
    return left.seconds * 1000 + left.attoseconds / 1_000_000_000_000_000 + (left.attoseconds > 0 ? 1 : 0)
  }
}

/// A child process could not be started.
struct ChildError: Error {
  let errno: Int32
  var message: String { String(cString: strerror(errno)) }
}
