#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// Connections made, accepted and closed at both ends on the real kernel, one thread, as
/// the `cycle` script does: socket, connect, accept, close, close per cycle.
enum KernelCycle {
  static func run(_ n: Int) throws(Unmeasured) -> Measurement {
    let scratch = try ScratchDirectory()
    let address = scratch.address("server.sock")
    let listener = try NativeSocket.listener(at: address, backlog: 1)
    defer { close(listener) }
    var failure: Unmeasured?
    let time = Duration.timing {
      do throws(Unmeasured) {
        for _ in 0..<n {
          let client = try NativeSocket.stream()
          try NativeSocket.connect(client, to: address)
          let server = try NativeSocket.accept(listener)
          close(client)
          close(server)
        }
      } catch {
        failure = error
      }
    }
    if let failure { throw failure }
    return Measurement(operations: n, total: time)
  }
}
