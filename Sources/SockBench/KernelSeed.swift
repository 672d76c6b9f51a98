#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// The seed sample's calls on the real kernel: listen(0), a client with a 1 s SO_SNDTIMEO
/// connects, then connects again and waits out its timeout on the full backlog. The wall
/// time is what a real test of this scenario costs.
enum KernelSeed {
  static func run() throws(Unmeasured) -> Measurement {
    let scratch = try ScratchDirectory()
    let address = scratch.address("server.sock")
    var fds: [Int32] = []
    defer { NativeSocket.closeAll(fds) }
    var failure: Unmeasured?
    let time = Duration.timing {
      do throws(Unmeasured) {
        fds.append(try NativeSocket.listener(at: address, backlog: 0))
        let client = try NativeSocket.stream()
        fds.append(client)
        try NativeSocket.setSendTimeout(client, seconds: 1)
        try NativeSocket.connect(client, to: address)
        // The second connect sleeps on the listener's peer_wait for the whole timeout.
        let second = address.withSockaddr { connect(client, $0, $1) }
        if second != -1 || errno != EAGAIN { failure = .failure("the second connect did not fail with EAGAIN") }
      } catch {
        failure = error
      }
    }
    if let failure { throw failure }
    return Measurement(operations: 1, total: time)
  }
}
