#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// A deep backlog on the real kernel, as the `backlog` script builds it: `n` non-blocking
/// connects queue on one listener (socket, fcntl, connect each), then `n` accepts; every
/// socket stays open until the end. The listener's backlog is `n`, in a private network
/// namespace whose `somaxconn` allows it.
enum KernelBacklog {
  /// The figure's operations are the N actually used: without a namespace of its own,
  /// the host's `somaxconn` caps the backlog.
  static func run(_ wanted: Int) throws(Unmeasured) -> Measurement {
    try PrivateNetwork.withBacklog(wanted) { honoured throws(Unmeasured) in
      // listen N admits N + 1.
      let n = min(wanted, honoured + 1)
      let scratch = try ScratchDirectory()
      let address = scratch.address("server.sock")
      var fds = [try NativeSocket.listener(at: address, backlog: Int32(clamping: wanted))]
      fds.reserveCapacity(2 * n + 1)
      defer { NativeSocket.closeAll(fds) }
      var failure: Unmeasured?
      let time = Duration.timing {
        do throws(Unmeasured) {
          for _ in 0..<n {
            let client = try NativeSocket.stream()
            fds.append(client)
            try NativeSocket.setNonBlocking(client)
            try NativeSocket.connect(client, to: address)
          }
          for _ in 0..<n { fds.append(try NativeSocket.accept(fds[0])) }
        } catch {
          failure = error
        }
      }
      if let failure { throw failure }
      return Measurement(operations: n, total: time)
    }
  }
}
