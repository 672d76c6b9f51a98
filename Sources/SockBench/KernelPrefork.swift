#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// A pre-fork server on the real kernel: `n` children forked, each accepting once on the
/// listener it inherited and exiting; `n` connects; every child reaped. A child runs only
/// accept and `_exit`, which are safe in the child of a multithreaded process.
enum KernelPrefork {
  static func run(_ n: Int) throws(Unmeasured) -> Measurement {
    let scratch = try ScratchDirectory()
    let address = scratch.address("server.sock")
    let listener = try NativeSocket.listener(at: address, backlog: Int32(n))
    defer { close(listener) }
    var clients: [Int32] = []
    defer { NativeSocket.closeAll(clients) }
    var children: [pid_t] = []
    // Whatever fails, no child is left: each is killed and reaped.
    defer {
      for pid in children {
        kill(pid, SIGKILL)
        var status: Int32 = 0
        _ = waitpid(pid, &status, 0)
      }
    }
    var failure: Unmeasured?
    let time = Duration.timing {
      do throws(Unmeasured) {
        for _ in 0..<n {
          let pid = fork()
          if pid == 0 { _exit(accept(listener, nil, nil) >= 0 ? 0 : 1) }
          guard pid > 0 else { throw NativeSocket.failure("fork") }
          children.append(pid)
        }
        for _ in 0..<n {
          let client = try NativeSocket.stream()
          clients.append(client)
          guard address.withSockaddr({ connect(client, $0, $1) }) == 0 else { throw NativeSocket.failure("connect") }
        }
        while let pid = children.last {
          var status: Int32 = 0
          guard waitpid(pid, &status, 0) == pid else { throw NativeSocket.failure("waitpid") }
          children.removeLast()
          guard status == 0 else { throw Unmeasured.failure("a child's accept failed (status \(status))") }
        }
      } catch {
        failure = error
      }
    }
    if let failure { throw failure }
    return Measurement(operations: n, total: time)
  }
}
